using System.Diagnostics;
using Upstream.Hosting.Infrastructure;
using Upstream.Hosting.Processes;

namespace Upstream.Grpc.Tests.Node;

/// <summary>
/// The official gRPC for Node (grpc-js) in tests/Upstream.Grpc.Tests/node, run under Debian's /usr/bin/node.
/// apphost/prerequisites.sh test installs it; a missing install is a failure with instructions, never a skip.
/// </summary>
internal static class NodeInterop
{
    private const string Node = "/usr/bin/node";

    public static string Directory { get; } = FindDirectory();

    /// <summary>Throws with what to run when Node or the npm packages are missing.</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(Node))
        {
            throw new InvalidOperationException($"{Node} is missing: run `apphost/prerequisites.sh test` (it installs Debian's nodejs and npm).");
        }

        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "@grpc", "grpc-js")))
        {
            throw new InvalidOperationException(
                $"The npm packages in {Directory} are not installed: run `apphost/prerequisites.sh test` (or `npm ci` in that folder).");
        }
    }

    /// <summary>Runs one interop case with the grpc-js client; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunClientAsync(int port, string testCase, TimeSpan timeout)
    {
        EnsureInstalled();
        var info = new ProcessStartInfo(Node)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "interop_client.js", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--case", testCase })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"interop_client.js --case {testCase} did not finish within {timeout.TotalSeconds:0} s. {await stdout}{await stderr}");
        }

        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    /// <summary>Starts interop_server.js on a free port and waits until it listens.</summary>
    public static async Task<(ChildProcess Process, int Port)> StartServerAsync(params string[] flags)
    {
        EnsureInstalled();
        return await FreePort.StartAsync(async port =>
        {
            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var process = ChildProcess.Start(new ChildProcessSpec(Node, ["interop_server.js", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. flags])
            {
                WorkingDirectory = Directory,
            });
            process.OutputLine += line =>
            {
                if (line.StartsWith("listening on", StringComparison.Ordinal))
                {
                    listening.TrySetResult();
                }
            };
            var started = await Task.WhenAny(listening.Task, process.Exited, Task.Delay(TimeSpan.FromSeconds(30)));
            if (started != listening.Task && !listening.Task.IsCompleted)
            {
                await process.DisposeAsync();
                throw new InvalidOperationException($"interop_server.js did not start on port {port}: {string.Join('\n', process.RecentOutput)}");
            }

            return (process, port);
        });
    }

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Upstream.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "Upstream.Grpc.Tests", "node");
            }
        }

        throw new InvalidOperationException($"No Upstream.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>One grpc-js interop server for a test class (plain), started once and stopped after.</summary>
public sealed class GrpcJsServer : IAsyncLifetime
{
    private ChildProcess? process;

    public int Port { get; private set; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public async Task InitializeAsync() => (process, Port) = await NodeInterop.StartServerAsync();

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }
    }
}
