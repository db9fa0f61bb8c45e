using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Upstream.Applications.V1;
using Upstream.Benchmarks.Gateway;
using Upstream.Gateway.Hosting;
using Upstream.Hosting.Infrastructure;

// One run, both targets: the latency the gateway adds to a REST call (p50/p99) over calling the service's REST
// surface directly, and gRPC pass-through throughput against nginx grpc_pass fronting the same service.
// Results to the file in args[0].
var resultsFile = args.Length > 0 ? args[0] : "gateway.md";
var invariant = CultureInfo.InvariantCulture;
var (backendHttp, backendGrpc, restPort, grpcPort, nginxPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
await using var backend = await CallsBackend.StartAsync(backendHttp, backendGrpc);
var gateway = GatewayApplication.Build([], builder =>
{
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{restPort}",
        ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
        ["services:applications:http:0"] = $"http://127.0.0.1:{backendHttp}",
        ["services:applications:grpc:0"] = $"http://127.0.0.1:{backendGrpc}",
        ["Gateway:RateLimitPermits"] = "100000000",
        ["Authentication:Issuer"] = "upstream-bench",
        ["Authentication:Audience"] = "upstream",
        ["Authentication:SigningKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()),
    });
    builder.Logging.ClearProviders();
});
await gateway.StartAsync();

// Latency: sequential calls, the two paths interleaved in blocks so both see the same machine noise.
using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{backendHttp}") };
using var rest = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{restPort}") };
var request = new GetCallRequest { CallId = "c-1" };
var (viaDirect, viaGateway) = (new Percentiles(), new Percentiles());
const int Blocks = 60, PerBlock = 100;
for (var warm = 0; warm < 2000; warm++)
{
    (await direct.GetAsync("/v1/calls/c-1")).EnsureSuccessStatusCode();
    (await rest.GetAsync("/v1/calls/c-1")).EnsureSuccessStatusCode();
}

for (var block = 0; block < Blocks; block++)
{
    for (var i = 0; i < PerBlock; i++)
    {
        await viaDirect.TimeAsync(async () => (await direct.GetAsync("/v1/calls/c-1")).EnsureSuccessStatusCode());
    }

    for (var i = 0; i < PerBlock; i++)
    {
        await viaGateway.TimeAsync(async () => (await rest.GetAsync("/v1/calls/c-1")).EnsureSuccessStatusCode());
    }
}

// Throughput: the framed request once, then h2load against the gateway and nginx in turn, best of three each.
var frame = new byte[5 + request.CalculateSize()];
BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)request.CalculateSize());
request.WriteTo(frame.AsSpan(5));
var requestFile = Path.GetTempFileName();
await File.WriteAllBytesAsync(requestFile, frame);
await using var nginx = await Nginx.StartAsync(nginxPort, backendGrpc);
const int Requests = 40_000;
await PassThroughLoad.RequestsPerSecondAsync(requestFile, grpcPort, 5_000);
await PassThroughLoad.RequestsPerSecondAsync(requestFile, nginxPort, 5_000);
var (gatewayRates, nginxRates) = (new List<double>(), new List<double>());
for (var round = 0; round < 3; round++)
{
    gatewayRates.Add(await PassThroughLoad.RequestsPerSecondAsync(requestFile, grpcPort, Requests));
    nginxRates.Add(await PassThroughLoad.RequestsPerSecondAsync(requestFile, nginxPort, Requests));
}

await nginx.StopAsync(TimeSpan.FromSeconds(5));
await gateway.StopAsync();
File.Delete(requestFile);

var (addedP50, addedP99) = (viaGateway.At(0.50) - viaDirect.At(0.50), viaGateway.At(0.99) - viaDirect.At(0.99));
var ratio = gatewayRates.Max() / nginxRates.Max();
string Ms(double value) => value.ToString("0.000", invariant);
string Rate(double value) => value.ToString("#,0", invariant);
var report = new StringBuilder()
    .AppendLine("# Gateway benchmark")
    .AppendLine()
    .AppendLine(invariant, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (load average at start {File.ReadAllText("/proc/loadavg").Split(' ')[0]}), `tests/benchmarks/Upstream.Benchmarks.Gateway/run.sh`.")
    .AppendLine("Backend: a service built as ours are (Grpc.AspNetCore + JSON transcoding) answering `CallService.GetCall` from memory; the gateway is YARP with its shipped appsettings.json (edge: JWT, rate limiter, CORS, security headers, error transform). Gateway and backend in one process, nginx and h2load as their own.")
    .AppendLine()
    .AppendLine(invariant, $"## Latency the gateway adds to REST ({Blocks * PerBlock} sequential calls per path, interleaved)")
    .AppendLine()
    .AppendLine("| path | p50 ms | p99 ms |")
    .AppendLine("|---|---|---|")
    .AppendLine(invariant, $"| REST `GET /v1/calls/c-1` straight to the service (transcoded there) | {Ms(viaDirect.At(0.5))} | {Ms(viaDirect.At(0.99))} |")
    .AppendLine(invariant, $"| REST `GET /v1/calls/c-1` through the gateway | {Ms(viaGateway.At(0.5))} | {Ms(viaGateway.At(0.99))} |")
    .AppendLine(invariant, $"| **added by the gateway** | **{Ms(addedP50)}** | **{Ms(addedP99)}** |")
    .AppendLine()
    .AppendLine(invariant, $"Target: added p50 < 0.5 ms: **{(addedP50 < 0.5 ? "met" : "not met")}**.")
    .AppendLine()
    .AppendLine(invariant, $"## gRPC pass-through throughput (h2load, {Requests:N0} unary calls, 4 connections x 32 streams, best of 3)")
    .AppendLine()
    .AppendLine("| front | req/s (each round) | best |")
    .AppendLine("|---|---|---|")
    .AppendLine(invariant, $"| gateway (YARP) pass-through | {string.Join(", ", gatewayRates.Select(Rate))} | {Rate(gatewayRates.Max())} |")
    .AppendLine(invariant, $"| nginx grpc_pass | {string.Join(", ", nginxRates.Select(Rate))} | {Rate(nginxRates.Max())} |")
    .AppendLine()
    .AppendLine(invariant, $"Gateway / nginx: **{ratio:P0}**. Target >= 80%: **{(ratio >= 0.8 ? "met" : "not met")}**.");
await File.WriteAllTextAsync(resultsFile, report.ToString());
Console.Write(report);
