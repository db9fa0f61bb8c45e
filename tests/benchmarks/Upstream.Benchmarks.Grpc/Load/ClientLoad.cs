using System.Diagnostics;

namespace Upstream.Benchmarks.Grpc.Load;

/// <summary>
/// Drives one caller with a fixed number of concurrent calls for a warm-up and then a measured window: each
/// worker starts its next call as soon as the last one ends, like h2load's streams.
/// </summary>
internal static class ClientLoad
{
    public static async Task<LoadResult> RunAsync(
        string scenario, IUnaryCaller caller, int concurrency, TimeSpan warmUp, TimeSpan duration)
    {
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkAsync(caller, measureFrom, stopAt)));
        var cpu = MeasuredCpuAsync(measureFrom, stopAt);
        var outcomes = await Task.WhenAll(workers);

        var latencies = outcomes.SelectMany(o => o.Latencies).ToList();
        var result = LoadResult.From(scenario, 0, duration, latencies, outcomes.Sum(o => o.Failed));
        return result with { CpuMicrosecondsPerCall = (await cpu).TotalMicroseconds / Math.Max(1, result.Succeeded) };
    }

    // This process's CPU time over the measured window only: what the client spends per call.
    private static async Task<TimeSpan> MeasuredCpuAsync(long measureFrom, long stopAt)
    {
        await Task.Delay(Until(measureFrom));
        var before = Environment.CpuUsage.TotalTime;
        await Task.Delay(Until(stopAt));
        return Environment.CpuUsage.TotalTime - before;
    }

    private static TimeSpan Until(long timestamp)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static async Task<WorkerOutcome> WorkAsync(IUnaryCaller caller, long measureFrom, long stopAt)
    {
        var outcome = new WorkerOutcome();
        for (var start = Stopwatch.GetTimestamp(); start < stopAt; start = Stopwatch.GetTimestamp())
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
            if (start < measureFrom || end > stopAt)
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
