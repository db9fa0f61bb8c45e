using Upstream.Benchmarks.Grpc.Load;
using Upstream.Benchmarks.Grpc.Warmup;

namespace Upstream.Benchmarks.Grpc.Runner;

/// <summary>Everything that shapes a run; all of it is written into the results so a figure can be reproduced.</summary>
internal sealed record BenchmarkSettings(
    H2LoadSettings Load,
    int ClientConcurrency,
    int Rounds,
    int RequestPayloadBytes,
    int ResponseBytes,
    string ResultsDirectory,
    IReadOnlyList<string> Scenarios)
{
    /// <summary>Every server and client scenario, the default of <c>--scenarios</c>.</summary>
    public const string AllScenarios = "all";

    /// <summary>Whether a scenario (a server measured by h2load, or a client scenario's name) is to be run.</summary>
    public bool Runs(string scenario) => Scenarios.Contains(AllScenarios) || Scenarios.Contains(scenario);

    public static BenchmarkSettings From(Arguments arguments) => new(
        new H2LoadSettings(
            arguments.Number("connections", 4),
            arguments.Number("streams", 16),
            new WarmUpPolicy(arguments.Seconds("warmup", 5), arguments.Seconds("max-warmup", 240)),
            arguments.Seconds("duration", 10)),
        arguments.Number("client-concurrency", 64),
        arguments.Number("rounds", 3),
        arguments.Number("request-bytes", 128),
        arguments.Number("response-bytes", 128),
        arguments.Text("results", Path.Combine("tests", "benchmarks", "results")),
        arguments.Text("scenarios", AllScenarios).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
