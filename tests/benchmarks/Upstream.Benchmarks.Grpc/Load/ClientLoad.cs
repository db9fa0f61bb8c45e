using System.Diagnostics;
using Upstream.Benchmarks.Grpc.Warmup;

namespace Upstream.Benchmarks.Grpc.Load;

/// <summary>
/// Drives one caller with a fixed number of concurrent calls for a warm-up and then a measured window: each
/// worker starts its next call as soon as the last one ends, like h2load's streams. The warm-up lasts until this
/// process's JIT has gone quiet (<see cref="WarmUpPolicy"/>); the window opens then.
/// </summary>
internal static class ClientLoad
{
    public static async Task<LoadResult> RunAsync(
        string scenario, IUnaryCaller caller, int concurrency, WarmUpPolicy warmUpPolicy, TimeSpan duration)
    {
        var window = new Window();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkAsync(caller, window))).ToArray();
        var warmUp = await warmUpPolicy.RunAsync(Task.Delay, () => WarmUpPolicy.CompiledHere());

        var before = Environment.CpuUsage.TotalTime;
        window.Open(duration);
        await Task.Delay(duration);
        var cpu = Environment.CpuUsage.TotalTime - before;
        var outcomes = await Task.WhenAll(workers);

        var latencies = outcomes.SelectMany(o => o.Latencies).ToList();
        var result = LoadResult.From(scenario, 0, duration, latencies, outcomes.Sum(o => o.Failed));
        return (result with { CpuMicrosecondsPerCall = cpu.TotalMicroseconds / Math.Max(1, result.Succeeded) }).After(warmUp);
    }

    /// <summary>The measured window, in Stopwatch timestamps; closed (never reached) until the warm-up ends.</summary>
    private sealed class Window
    {
        private long from = long.MaxValue;
        private long to = long.MaxValue;

        public long From => Volatile.Read(ref from);

        public long To => Volatile.Read(ref to);

        public void Open(TimeSpan duration)
        {
            var now = Stopwatch.GetTimestamp();
            Volatile.Write(ref to, now + (long)(duration.TotalSeconds * Stopwatch.Frequency));
            Volatile.Write(ref from, now);
        }
    }

    private static async Task<WorkerOutcome> WorkAsync(IUnaryCaller caller, Window window)
    {
        var outcome = new WorkerOutcome();
        for (var start = Stopwatch.GetTimestamp(); start < window.To; start = Stopwatch.GetTimestamp())
        {
            var succeeded = true;
            try
            {
                await caller.CallAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed call is counted, not fatal: the run reports how many failed.
                succeeded = false;
            }

            // Only calls that started and ended inside the measured window count, as with h2load's.
            var end = Stopwatch.GetTimestamp();
            if (start < window.From || end > window.To)
            {
                continue;
            }

            if (succeeded)
            {
                outcome.Latencies.Add(Stopwatch.GetElapsedTime(start, end).TotalMicroseconds);
            }
            else
            {
                outcome.Failed++;
            }
        }

        return outcome;
    }

    private sealed class WorkerOutcome
    {
        public List<double> Latencies { get; } = [];

        public long Failed { get; set; }
    }
}
