using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;
using Upstream.Benchmarks.Grpc.Load;
using Upstream.Benchmarks.Grpc.Report;
using Upstream.Benchmarks.Grpc.Warmup;
using Upstream.Benchmarks.Grpc.Workload;
using Upstream.Hosting.Infrastructure;
using Upstream.Hosting.Processes;

namespace Upstream.Benchmarks.Grpc.Runner;

/// <summary>
/// The whole benchmark: for each round, each server in turn is started alone on its core, checked with the
/// official client, driven by h2load, then by the client scenarios aimed at it, and stopped. Rounds interleave
/// the servers so a burst of load from elsewhere on the machine does not fall on one server only.
/// </summary>
internal sealed class BenchmarkRunner(BenchmarkSettings settings, UnaryWorkload workload)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Pinning _pinning = Pinning.ForThisMachine();
    private readonly Credentials _credentials = new();

    public async Task<int> RunAsync()
    {
        var work = Directory.CreateTempSubdirectory("upstream-grpc-bench-");
        try
        {
            var requestFile = Path.Combine(work.FullName, "request.bin");
            await File.WriteAllBytesAsync(requestFile, workload.FramedRequest);
            var machine = MachineFacts.Capture(_pinning);
            var servers = ServerUnderTest.All(settings, _credentials);
            var unknown = settings.Scenarios.Where(s => s != BenchmarkSettings.AllScenarios
                && !servers.Any(server => server.Name == s) && !ClientScenario.All.Any(client => client.Name == s)).ToList();
            if (unknown.Count > 0)
            {
                Console.Error.WriteLine($"Unknown scenarios: {string.Join(", ", unknown)}. Servers: {string.Join(", ", servers.Select(s => s.Name))}; clients: {string.Join(", ", ClientScenario.All.Select(c => c.Name))}.");
                return 2;
            }

            var results = new List<LoadResult>();
            for (var round = 1; round <= settings.Rounds; round++)
            {
                foreach (var server in servers.Where(s => settings.Runs(s.Name) || Clients(s).Any()))
                {
                    results.AddRange(await MeasureAsync(server, round, requestFile, work.FullName));
                }
            }

            var report = new BenchmarkReport(settings, workload, servers, machine with { LoadAfter = MachineFacts.LoadAverage() }, results);
            var written = await report.WriteAsync(settings.ResultsDirectory);
            Console.WriteLine(report.Summary());
            Console.WriteLine($"Results: {string.Join(", ", written)}");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task<List<LoadResult>> MeasureAsync(ServerUnderTest server, int round, string requestFile, string work)
    {
        var port = FreePort.Next();
        var jit = new JitWatch();
        await using var process = ChildProcess.Start(_pinning.Server(server.Start(port)));
        process.OutputLine += jit.OnOutput;
        await WaitForPortAsync(process, port, server.Name);
        await CheckAsync(port, server);
        if (server.Headers.Count > 0)
        {
            await CheckRefusedWithoutTokenAsync(port, server.Name);
        }

        var results = new List<LoadResult>();
        if (settings.Runs(server.Name))
        {
            Console.WriteLine($"round {round}: h2load -> {server.Name}");
            results.Add(await H2Load.RunAsync(server.Name, round, port, requestFile, server.Headers, settings.Load, work, _pinning, process.Id, () => jit.Latest));
        }

        foreach (var scenario in Clients(server))
        {
            Console.WriteLine($"round {round}: {scenario.Name}");
            results.Add(await RunClientAsync(scenario, round, port));
        }

        if (process.HasExited)
        {
            throw new InvalidOperationException($"{server.Name} stopped during the run:\n{string.Join('\n', process.RecentOutput)}");
        }

        return results;
    }

    private IEnumerable<ClientScenario> Clients(ServerUnderTest server) =>
        ClientScenario.All.Where(s => s.Server == server.Name && settings.Runs(s.Name));

    private async Task<LoadResult> RunClientAsync(ClientScenario scenario, int round, int port)
    {
        var spec = Self.Command("client", settings, null,
            "--caller", scenario.Caller,
            "--scenario", scenario.Name,
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--concurrency", settings.ClientConcurrency.ToString(CultureInfo.InvariantCulture),
            "--warmup", ((int)settings.Load.WarmUp.Minimum.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "--max-warmup", ((int)settings.Load.WarmUp.Maximum.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "--duration", ((int)settings.Load.Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        await using var client = ChildProcess.Start(_pinning.LoadGenerator(spec));
        var exitCode = await client.Exited;
        var last = client.RecentOutput.LastOrDefault() ?? "";
        if (exitCode != 0 || !last.StartsWith('{'))
        {
            throw new InvalidOperationException($"The client driver failed (exit {exitCode}):\n{string.Join('\n', client.RecentOutput)}");
        }

        var result = JsonSerializer.Deserialize<LoadResult>(last, BenchmarkReport.Json)!;
        return result with { Round = round };
    }

    // The official client must get exactly the expected bytes and status OK, or the figures would mean nothing.
    private async Task CheckAsync(int port, ServerUnderTest server)
    {
        var spec = new ChildProcessSpec("/usr/bin/python3",
            ["grpcio_check.py", port.ToString(CultureInfo.InvariantCulture),
             Convert.ToHexStringLower(workload.RequestMessage), Convert.ToHexStringLower(workload.ResponseMessage), .. server.Headers])
        {
            WorkingDirectory = Path.Combine(AppContext.BaseDirectory, "Peers"),
        };
        await using var check = ChildProcess.Start(spec);
        if (await check.Exited != 0)
        {
            throw new InvalidOperationException($"{server.Name} answered the benchmark call wrongly:\n{string.Join('\n', check.RecentOutput)}");
        }
    }

    // A server measured with a token must refuse the same call without one, or the JWT layer would not be on.
    private async Task CheckRefusedWithoutTokenAsync(int port, string name)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        try
        {
            await new TestService.TestServiceClient(channel).UnaryCallAsync(workload.Request, deadline: DateTime.UtcNow.AddSeconds(10));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            return;
        }

        throw new InvalidOperationException($"{name} answered the benchmark call without a token; it must require authorization.");
    }

    private static async Task WaitForPortAsync(ChildProcess process, int port, string name)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"{name} did not start listening on {port}:\n{string.Join('\n', process.RecentOutput)}");
    }
}
