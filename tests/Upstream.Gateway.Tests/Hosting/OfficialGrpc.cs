using Upstream.Hosting.Processes;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// The official gRPC implementation (grpcio, C-core) under Debian's own python3, where apphost/prerequisites.sh
/// installs it (the pyenv python3 first on PATH has no grpcio).
/// </summary>
public static class OfficialGrpc
{
    private const string Python = "/usr/bin/python3";

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "python", name);

    /// <summary>Starts the interop backend and returns it with the port it listens on.</summary>
    public static async Task<(ChildProcess Process, int Port)> StartBackendAsync()
    {
        var process = ChildProcess.Start(new ChildProcessSpec(Python, ["-u", Script("interop_backend.py")]));
        for (var waited = 0; waited < 100; waited++)
        {
            if (process.RecentOutput.FirstOrDefault(l => l.StartsWith("listening ", StringComparison.Ordinal)) is { } line)
            {
                return (process, int.Parse(line["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        await process.StopAsync(TimeSpan.FromSeconds(2));
        throw new InvalidOperationException($"The grpcio backend did not start: {string.Join('\n', process.RecentOutput)}");
    }

    /// <summary>Runs the grpcio client cases against a target and returns each case's line ("name ok" / "name FAIL why").</summary>
    public static async Task<IReadOnlyList<string>> RunClientAsync(string target, string token)
    {
        await using var process = ChildProcess.Start(new ChildProcessSpec(Python, ["-u", Script("interop_client.py"), target, token]));
        var code = await process.Exited.WaitAsync(TimeSpan.FromSeconds(90));
        var lines = process.RecentOutput;
        return code == 0 ? lines : throw new InvalidOperationException($"The grpcio client exited {code}: {string.Join('\n', lines)}");
    }
}
