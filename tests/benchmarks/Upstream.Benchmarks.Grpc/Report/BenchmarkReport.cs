using System.Globalization;
using System.Text;
using System.Text.Json;
using Upstream.Benchmarks.Grpc.Load;
using Upstream.Benchmarks.Grpc.Runner;
using Upstream.Benchmarks.Grpc.Warmup;
using Upstream.Benchmarks.Grpc.Workload;

namespace Upstream.Benchmarks.Grpc.Report;

/// <summary>
/// Turns the rounds into results/grpc.md (medians and the target ratios) and results/grpc.json (every round,
/// the settings and the machine). Ratios are taken within each round, then the median: both sides of a ratio
/// were measured minutes apart under the same conditions.
/// </summary>
internal sealed class BenchmarkReport(
    BenchmarkSettings settings, UnaryWorkload workload, IReadOnlyList<ServerUnderTest> servers, MachineFacts machine, IReadOnlyList<LoadResult> results)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    // Per core: calls per CPU-second of the measured side (1 / CPU per call), immune to other work on the machine.
    // Wall clock: calls per second as the load generator saw them, which other work on a shared machine moves.
    private static readonly Ratio[] Ratios =
    [
        new("ours (default) / bare Kestrel, per core", ServerUnderTest.Ours, ServerUnderTest.Bare, 0.80, ">= 0.80", PerCore),
        new("service (auth + telemetry) / bare Kestrel, per core", ServerUnderTest.Service, ServerUnderTest.Bare, null, "(reported)", PerCore),
        new("service / ours (default), per core", ServerUnderTest.Service, ServerUnderTest.Ours, null, "(reported)", PerCore),
        new("ours (default) / grpcio, per core", ServerUnderTest.Ours, ServerUnderTest.Grpcio, 1.0, "> 1", PerCore),
        new("Grpc.Net.Client / HttpClient (both against bare), per core", ClientScenario.GrpcToBare, ClientScenario.RawToBare, null, "-", PerCore),
        new("ours (default) / bare Kestrel, wall clock", ServerUnderTest.Ours, ServerUnderTest.Bare, null, "(see per core)", WallClock),
        new("service / bare Kestrel, wall clock", ServerUnderTest.Service, ServerUnderTest.Bare, null, "(see per core)", WallClock),
        new("ours (default) / grpcio, wall clock", ServerUnderTest.Ours, ServerUnderTest.Grpcio, null, "(see per core)", WallClock),
        new("Grpc.Net.Client / HttpClient (both against bare), wall clock", ClientScenario.GrpcToBare, ClientScenario.RawToBare, null, "-", WallClock),
    ];

    // What each layer adds, from bare Kestrel to a whole service: the CPU time per call of one server less that of the one below.
    private static readonly Layer[] Layers =
    [
        new("Grpc.AspNetCore, default set-up", ServerUnderTest.Ours, ServerUnderTest.Bare, "routing to the method, deframing, protobuf parse and serialise, the handler, status trailers"),
        new("AddGrpcApi / MapGrpcApi", ServerUnderTest.OursApi, ServerUnderTest.Ours, "the error-translating interceptor on every call; JSON transcoding, reflection and grpc health endpoints beside it"),
        new("JWT authentication and authorization", ServerUnderTest.OursJwt, ServerUnderTest.OursApi, "AddServiceAuthentication: the bearer token validated (HMAC-SHA256) on every call, the authorization middleware and RequireAuthorization"),
        new("the service host and telemetry", ServerUnderTest.ServiceQuiet, ServerUnderTest.OursJwt, "the full builder, AddServiceDefaults (OpenTelemetry logging; no OTLP endpoint, so no trace or metric providers), MapDefaultEndpoints (its telemetry middleware, /health and /alive); ASP.NET Core's logs at Warning"),
        new("ASP.NET Core's per-request logs at Information", ServerUnderTest.Service, ServerUnderTest.ServiceQuiet, "what services run with today (they set no log levels): \"Request starting\" and \"Request finished\" for every call, to the console and the OpenTelemetry logger"),
        new("everything, over the default set-up", ServerUnderTest.Service, ServerUnderTest.Ours, "all of the above but Grpc.AspNetCore itself"),
        new("everything, over bare Kestrel", ServerUnderTest.Service, ServerUnderTest.Bare, "a whole service's gRPC call over the cheapest HTTP/2 handler"),
    ];

    private static double PerCore(LoadResult result) => 1_000_000 / (result.CpuMicrosecondsPerCall ?? double.NaN);

    private static double WallClock(LoadResult result) => result.RequestsPerSecond;

    public async Task<IReadOnlyList<string>> WriteAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var markdown = Path.Combine(directory, "grpc.md");
        var json = Path.Combine(directory, "grpc.json");
        await File.WriteAllTextAsync(markdown, Markdown());
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { settings, machine, workload = WorkloadFacts(), results }, Json));
        return [markdown, json];
    }

    public string Summary()
    {
        var text = new StringBuilder();
        foreach (var scenario in Scenarios())
        {
            text.AppendLine(Invariant($"{scenario,-40} {Median(scenario, r => r.RequestsPerSecond),10:F0} calls/s"));
        }

        foreach (var ratio in MeasurableRatios())
        {
            text.AppendLine(Invariant($"{ratio.Name,-40} {ratio.Value(results):F2} (target {ratio.Target})"));
        }

        foreach (var layer in MeasurableLayers())
        {
            text.AppendLine(Invariant($"{layer.Name,-40} {layer.Value(results):+0.0;-0.0} CPU µs per call"));
        }

        return text.ToString();
    }

    private string Markdown()
    {
        var load = settings.Load;
        var text = new StringBuilder();
        text.AppendLine("# gRPC unary benchmark");
        text.AppendLine();
        text.AppendLine(Invariant($"Written by `bash tests/benchmarks/grpc.sh` on {machine.StartedAt:yyyy-MM-dd HH:mm} UTC. See tests/benchmarks/README.md for how to read it."));
        text.AppendLine();
        text.AppendLine(Invariant($"- Call: `grpc.testing.TestService/UnaryCall`, {settings.RequestPayloadBytes}-byte payload in, {settings.ResponseBytes}-byte payload out ({workload.FramedRequest.Length} and {workload.FramedResponse.Length} bytes on the wire as gRPC messages). Before each measurement the official grpcio client checked that the server returns exactly the expected bytes with status OK (sending the bearer token to the servers that require one, which were also checked to refuse the call without it)."));
        text.AppendLine(Invariant($"- Servers: h2load, {load.Connections} connections x {load.Streams} streams ({load.Connections * load.Streams} calls in flight), warmed up, then {load.Duration.TotalSeconds:F0} s measured."));
        text.AppendLine(Invariant($"- Clients: {settings.ClientConcurrency} concurrent calls, warmed up the same way, same duration."));
        text.AppendLine(Invariant($"- Warm-up: at least {load.WarmUp.Minimum.TotalSeconds:F0} s of the same load, then {WarmUpPolicy.Step.TotalSeconds:F0} s steps until one passes with no method compiled by the measured .NET process (its JIT has reached steady state), at most {load.WarmUp.Maximum.TotalSeconds:F0} s. Median warm-up: {WarmUpSummary()}. {JitNotQuietNote()}"));
        text.AppendLine(Invariant($"- {settings.Rounds} rounds, servers interleaved; tables show the median of the rounds."));
        text.AppendLine(Invariant($"- Machine: {machine.Cores} cores, {machine.Os}; {machine.DotNet}; {machine.H2Load}; {machine.Grpcio}."));
        text.AppendLine(Invariant($"- Pinning: {machine.Pinning}. Load average before {machine.LoadBefore}, after {machine.LoadAfter}. The machine is shared: calls per second move with other work, so targets are judged per core (calls per CPU-second of the measured process, from /proc), which does not."));
        text.AppendLine();
        text.AppendLine("## Target ratios");
        text.AppendLine();
        text.AppendLine("| ratio | median | rounds | target | met |");
        text.AppendLine("|---|---:|---|---|---|");
        foreach (var ratio in MeasurableRatios())
        {
            var perRound = string.Join(", ", ratio.PerRound(results).Select(v => Invariant($"{v:F2}")));
            var value = ratio.Value(results);
            var met = ratio.Minimum is { } minimum ? (value >= minimum ? "yes" : "**no**") : "-";
            text.AppendLine(Invariant($"| {ratio.Name} | {value:F2} | {perRound} | {ratio.Target} | {met} |"));
        }

        text.AppendLine();
        text.AppendLine("## What each layer costs");
        text.AppendLine();
        text.AppendLine("CPU µs per call of the server with the layer less that of the server without it, per round, then the median (a negative figure is within the noise).");
        text.AppendLine();
        text.AppendLine("| layer | servers | CPU µs per call added | rounds | what it is |");
        text.AppendLine("|---|---|---:|---|---|");
        foreach (var layer in MeasurableLayers())
        {
            var perRound = string.Join(", ", layer.PerRound(results).Select(v => Invariant($"{v:+0.0;-0.0}")));
            text.AppendLine(Invariant($"| {layer.Name} | {layer.With} - {layer.Without} | {layer.Value(results):+0.0;-0.0} | {perRound} | {layer.What} |"));
        }

        text.AppendLine();
        text.AppendLine("## Medians");
        text.AppendLine();
        text.AppendLine("| scenario | calls/s | CPU µs per call | calls per CPU-second | p50 ms | p99 ms | failed calls |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in Scenarios())
        {
            text.AppendLine(Invariant($"| {Describe(scenario)} | {Median(scenario, r => r.RequestsPerSecond):F0} | {Median(scenario, r => r.CpuMicrosecondsPerCall ?? double.NaN):F1} | {Median(scenario, PerCore):F0} | {Median(scenario, r => r.P50Milliseconds):F2} | {Median(scenario, r => r.P99Milliseconds):F2} | {results.Where(r => r.Scenario == scenario).Sum(r => r.Failed)} |"));
        }

        text.AppendLine();
        text.AppendLine("## Every round");
        text.AppendLine();
        text.AppendLine("| round | scenario | warm-up s | calls/s | CPU µs per call | p50 ms | p99 ms | calls | failed |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results.OrderBy(r => r.Round))
        {
            var warmUp = r.WarmUpSeconds is { } seconds ? Invariant($"{seconds:F0}{(r.JitQuiet == false ? " (JIT not quiet)" : "")}") : "-";
            text.AppendLine(Invariant($"| {r.Round} | {r.Scenario} | {warmUp} | {r.RequestsPerSecond:F0} | {r.CpuMicrosecondsPerCall:F1} | {r.P50Milliseconds:F2} | {r.P99Milliseconds:F2} | {r.Succeeded} | {r.Failed} |"));
        }

        return text.ToString();
    }

    private string WarmUpSummary() =>
        string.Join(", ", Scenarios().Select(scenario => Invariant($"{scenario} {Median(scenario, r => r.WarmUpSeconds ?? double.NaN):F0} s")));

    private string JitNotQuietNote() =>
        results.Any(r => r.JitQuiet == false)
            ? "In some runs the JIT was still compiling when the maximum was reached (marked below); their figures may be low."
            : "The JIT went quiet in every .NET run.";

    private string Describe(string scenario) =>
        servers.FirstOrDefault(s => s.Name == scenario) is { } server ? $"{scenario}: {server.Description}" : scenario;

    private IEnumerable<string> Scenarios() => results.Select(r => r.Scenario).Distinct();

    private IEnumerable<Ratio> MeasurableRatios() => Ratios.Where(r => r.PerRound(results).Any());

    private IEnumerable<Layer> MeasurableLayers() => Layers.Where(l => l.PerRound(results).Any());

    private double Median(string scenario, Func<LoadResult, double> value) =>
        Statistics.Median(results.Where(r => r.Scenario == scenario).Select(value));

    private object WorkloadFacts() => new
    {
        path = UnaryWorkload.Path,
        requestHex = Convert.ToHexStringLower(workload.RequestMessage),
        responseHex = Convert.ToHexStringLower(workload.ResponseMessage),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Ratio(string Name, string Numerator, string Denominator, double? Minimum, string Target, Func<LoadResult, double> Rate)
    {
        public IReadOnlyList<double> PerRound(IReadOnlyList<LoadResult> results) => Pairs(results, Numerator, Denominator, (n, d) => Rate(n) / Rate(d));

        public double Value(IReadOnlyList<LoadResult> results) => Statistics.Median(PerRound(results));
    }

    private sealed record Layer(string Name, string With, string Without, string What)
    {
        public IReadOnlyList<double> PerRound(IReadOnlyList<LoadResult> results) =>
            Pairs(results, With, Without, (w, o) => (w.CpuMicrosecondsPerCall ?? double.NaN) - (o.CpuMicrosecondsPerCall ?? double.NaN));

        public double Value(IReadOnlyList<LoadResult> results) => Statistics.Median(PerRound(results));
    }

    /// <summary>One figure per round from two scenarios measured in that round.</summary>
    private static IReadOnlyList<double> Pairs(IReadOnlyList<LoadResult> results, string first, string second, Func<LoadResult, LoadResult, double> figure) =>
        [.. results.Where(r => r.Scenario == first)
            .Join(results.Where(r => r.Scenario == second), f => f.Round, s => s.Round, figure)];
}
