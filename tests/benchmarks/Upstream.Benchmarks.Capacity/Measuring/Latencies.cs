using System.Collections.Concurrent;
using System.Diagnostics;

namespace Upstream.Benchmarks.Capacity.Measuring;

/// <summary>Call durations (milliseconds), taken by any number of callers at once, and their percentiles.</summary>
public sealed class Latencies
{
    private readonly ConcurrentBag<double> _values = [];

    public int Count => _values.Count;

    /// <summary>Times one call, whether it succeeds or throws (a refusal is an answer too, and it took time).</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            _values.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>The nearest-rank percentile (p in 0..100).</summary>
    public double Percentile(double p)
    {
        var sorted = _values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>p50, p95 and p99 as figures; the target (if any) on the one it names.</summary>
    public IEnumerable<Figure> Figures(string what, double? p95Target = null, double? p99Target = null)
    {
        yield return new Figure($"{what} p50", Percentile(50), "ms");
        var p95 = Percentile(95);
        yield return p95Target is { } t95 ? new Figure($"{what} p95", p95, "ms", $"< {t95} ms", p95 < t95) : new Figure($"{what} p95", p95, "ms");
        var p99 = Percentile(99);
        yield return p99Target is { } t99 ? new Figure($"{what} p99", p99, "ms", $"< {t99} ms", p99 < t99) : new Figure($"{what} p99", p99, "ms");
    }
}
