using Upstream.Benchmarks.Grpc.Warmup;

namespace Upstream.Benchmarks.Grpc.Load;

/// <summary>
/// What one measured run of a load generator saw: calls completed per second, their latency, and the CPU time
/// per call of the side being measured (the server under h2load, the client process in client runs), and how long
/// the warm-up before it lasted (and whether the JIT of the measured .NET process had gone quiet by then).
/// </summary>
internal sealed record LoadResult(
    string Scenario,
    int Round,
    double Seconds,
    long Succeeded,
    long Failed,
    double RequestsPerSecond,
    double P50Milliseconds,
    double P99Milliseconds,
    double? CpuMicrosecondsPerCall = null,
    double? WarmUpSeconds = null,
    bool? JitQuiet = null)
{
    /// <summary>Summarises the latencies (in microseconds) of the calls that succeeded within the measured window.</summary>
    public static LoadResult From(string scenario, int round, TimeSpan measured, List<double> latencyMicroseconds, long failed)
    {
        latencyMicroseconds.Sort();
        return new LoadResult(
            scenario,
            round,
            measured.TotalSeconds,
            latencyMicroseconds.Count,
            failed,
            latencyMicroseconds.Count / measured.TotalSeconds,
            Percentile(latencyMicroseconds, 0.50) / 1000,
            Percentile(latencyMicroseconds, 0.99) / 1000);
    }

    /// <summary>The same result, with the warm-up that preceded it.</summary>
    public LoadResult After(WarmUpOutcome warmUp) => this with { WarmUpSeconds = warmUp.Length.TotalSeconds, JitQuiet = warmUp.JitQuiet };

    // Nearest rank on sorted values: the smallest latency at least this share of calls did not exceed.
    private static double Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Count) - 1)];
}
