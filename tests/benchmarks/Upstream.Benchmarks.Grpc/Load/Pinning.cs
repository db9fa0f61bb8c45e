using Upstream.Hosting.Processes;

namespace Upstream.Benchmarks.Grpc.Load;

/// <summary>
/// Keeps the server under test and the load generator on different cores (with taskset), so neither steals
/// the other's time and every server gets the same one core. Off when the machine has a single core.
/// </summary>
internal sealed record Pinning(string? ServerCores, string? LoadCores)
{
    public static Pinning ForThisMachine() =>
        Environment.ProcessorCount >= 2 ? new Pinning("0", "1") : new Pinning(null, null);

    public string Describe() => ServerCores is null
        ? "not pinned (single core)"
        : $"server on core {ServerCores}, load generator on core {LoadCores} (taskset)";

    public ChildProcessSpec Server(ChildProcessSpec spec) => Pin(spec, ServerCores);

    public ChildProcessSpec LoadGenerator(ChildProcessSpec spec) => Pin(spec, LoadCores);

    private static ChildProcessSpec Pin(ChildProcessSpec spec, string? cores) => cores is null
        ? spec
        : spec with { FileName = "taskset", Arguments = ["-c", cores, spec.FileName, .. spec.Arguments] };
}
