using System.Runtime;

namespace Upstream.Benchmarks.Grpc.Warmup;

/// <summary>
/// How long load runs before it is measured. .NET compiles in tiers: under load on one core, a server's hot paths
/// move from quick first-pass code through instrumented code to optimized code over a minute or more, and a fixed
/// few seconds would measure the first pass (we saw 30k calls/s become 90k). So warm-up lasts at least
/// <see cref="Minimum"/>, then goes on in <see cref="Step"/>s until a whole step passes with no method compiled
/// (the JIT has gone quiet: steady state), or <see cref="Maximum"/> is reached.
/// </summary>
internal sealed record WarmUpPolicy(TimeSpan Minimum, TimeSpan Maximum)
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    /// <summary>The line a .NET process under test writes when its count changes: methods compiled so far.</summary>
    public const string ReportPrefix = "jit-compiled ";

    /// <summary>
    /// Runs <paramref name="load"/> (which drives load for the time given) until the JIT read by
    /// <paramref name="compiledMethods"/> is quiet; a null count (not a .NET process) stops after the minimum.
    /// Returns the warm-up's length.
    /// </summary>
    public async Task<WarmUpOutcome> RunAsync(Func<TimeSpan, Task> load, Func<long?> compiledMethods)
    {
        await load(Minimum);
        var elapsed = Minimum;
        while (compiledMethods() is { } before)
        {
            if (elapsed >= Maximum)
            {
                return new WarmUpOutcome(elapsed, JitQuiet: false);
            }

            await load(Step);
            elapsed += Step;
            // Counts arrive once a second: wait for one taken after the step ended.
            await Task.Delay(TimeSpan.FromSeconds(1.2));
            if (compiledMethods() == before)
            {
                return new WarmUpOutcome(elapsed, JitQuiet: true);
            }
        }

        return new WarmUpOutcome(elapsed, JitQuiet: null);
    }

    /// <summary>This process's count, for warm-ups run in-process (the client drivers).</summary>
    public static long CompiledHere() => JitInfo.GetCompiledMethodCount();
}

/// <summary>How a warm-up ended: its length, and whether the JIT went quiet (null when there is no JIT to watch).</summary>
internal sealed record WarmUpOutcome(TimeSpan Length, bool? JitQuiet);
