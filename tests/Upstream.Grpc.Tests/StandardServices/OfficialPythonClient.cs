using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Upstream.Hosting.Processes;

namespace Upstream.Grpc.Tests.StandardServices;

/// <summary>
/// The official gRPC client (Debian's python3-grpcio under /usr/bin/python3) running python/standard_services.py
/// against a server: each answer is one JSON line. apphost/prerequisites.sh test installs it; a missing install
/// is a failure with instructions, never a skip.
/// </summary>
internal sealed class OfficialPythonClient : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(30);
    private readonly ChildProcess process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();

    private OfficialPythonClient(ChildProcess process)
    {
        this.process = process;
        process.OutputLine += line => lines.Writer.TryWrite(line);
        _ = process.Exited.ContinueWith(_ => lines.Writer.TryComplete(), TaskScheduler.Default);
    }

    /// <summary>Starts a command (check, watch, reflect) against the server on <paramref name="port"/>.</summary>
    public static OfficialPythonClient Start(string command, int port, params string[] arguments)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: run `apphost/prerequisites.sh test` (it installs python3-grpcio).");
        }

        return new OfficialPythonClient(ChildProcess.Start(new ChildProcessSpec(
            Python, ["standard_services.py", command, port.ToString(CultureInfo.InvariantCulture), .. arguments])
        {
            WorkingDirectory = ScriptDirectory,
        }));
    }

    /// <summary>Runs a command to its end and returns its one answer.</summary>
    public static async Task<JsonElement> RunAsync(string command, int port, params string[] arguments)
    {
        await using var client = Start(command, port, arguments);
        return await client.NextAsync();
    }

    /// <summary>The next JSON line the client prints; anything else it prints (a traceback) fails the test with it.</summary>
    public async Task<JsonElement> NextAsync()
    {
        using var timeout = new CancellationTokenSource(LineTimeout);
        try
        {
            while (await lines.Reader.WaitToReadAsync(timeout.Token))
            {
                var line = await lines.Reader.ReadAsync(timeout.Token);
                if (line.StartsWith('{'))
                {
                    return JsonDocument.Parse(line).RootElement.Clone();
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The grpcio client printed nothing within {LineTimeout.TotalSeconds:0} s:\n{Output}");
        }

        throw new InvalidOperationException($"The grpcio client ended (exit {await process.Exited}) without an answer:\n{Output}");
    }

    public Task<int> Exited => process.Exited;

    private string Output => string.Join('\n', process.RecentOutput);

    public ValueTask DisposeAsync() => process.DisposeAsync();

    private static string ScriptDirectory => Path.Combine(AppContext.BaseDirectory, "python");
}
