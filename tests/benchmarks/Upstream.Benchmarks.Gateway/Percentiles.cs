using System.Diagnostics;

namespace Upstream.Benchmarks.Gateway;

/// <summary>Round-trip times of one path, in milliseconds.</summary>
public sealed class Percentiles
{
    private readonly List<double> _samples = [];

    public async Task TimeAsync(Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        _samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public double At(double fraction)
    {
        var sorted = _samples.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
    }
}
