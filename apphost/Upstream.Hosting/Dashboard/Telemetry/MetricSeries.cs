using Upstream.Otlp.Metrics.V1;

namespace Upstream.Hosting.Dashboard.Telemetry;

/// <summary>
/// An instrument's points over time, ready to chart. At each export time the points of every attribute set are
/// added together (gauges averaged); histograms become p50/p95/p99 of what was recorded since the previous export
/// (cumulative buckets differenced), read off the explicit buckets by linear interpolation.
/// </summary>
internal static class MetricSeries
{
    public static readonly double[] Percentiles = [0.50, 0.95, 0.99];

    public sealed record Point(DateTimeOffset Time, double[] Values);

    public static IReadOnlyList<Point> Of(IEnumerable<MetricPointRecord> points)
    {
        var byTime = points.GroupBy(p => p.Time).OrderBy(g => g.Key).ToList();
        if (byTime.Count == 0)
        {
            return [];
        }

        return byTime[0].First().Metric.DataCase switch
        {
            Metric.DataOneofCase.Gauge => [.. byTime.Select(g => new Point(g.Key, [g.Average(p => Value(p.Metric.Gauge.DataPoints[0]))]))],
            Metric.DataOneofCase.Sum => [.. byTime.Select(g => new Point(g.Key, [g.Sum(p => Value(p.Metric.Sum.DataPoints[0]))]))],
            Metric.DataOneofCase.Histogram => HistogramPercentiles(byTime),
            _ => [],
        };
    }

    private static double Value(NumberDataPoint point) => point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble;

    private static List<Point> HistogramPercentiles(List<IGrouping<DateTimeOffset, MetricPointRecord>> byTime)
    {
        var series = new List<Point>();
        double[]? bounds = null;
        ulong[]? previous = null;
        foreach (var group in byTime)
        {
            var histograms = group.Select(p => p.Metric.Histogram).ToList();
            var first = histograms[0].DataPoints[0];
            bounds ??= [.. first.ExplicitBounds];
            var counts = new ulong[bounds.Length + 1];
            foreach (var point in histograms.Select(h => h.DataPoints[0]).Where(p => p.ExplicitBounds.SequenceEqual(bounds) && p.BucketCounts.Count == counts.Length))
            {
                for (var i = 0; i < counts.Length; i++)
                {
                    counts[i] += point.BucketCounts[i];
                }
            }

            var cumulative = histograms[0].AggregationTemporality == AggregationTemporality.Cumulative;
            var recent = counts;
            if (cumulative && previous is not null && counts.Zip(previous).All(c => c.First >= c.Second))
            {
                recent = [.. counts.Zip(previous, (now, before) => now - before)];
            }

            previous = counts;
            if (recent.Any(c => c > 0))
            {
                series.Add(new Point(group.Key, [.. Percentiles.Select(q => Percentile(bounds, recent, q))]));
            }
        }

        return series;
    }

    /// <summary>The value below which a fraction q of recorded values fall, interpolated within its bucket.</summary>
    public static double Percentile(IReadOnlyList<double> bounds, IReadOnlyList<ulong> counts, double q)
    {
        var total = counts.Aggregate(0UL, (a, c) => a + c);
        if (total == 0)
        {
            return 0;
        }

        var rank = q * total;
        var seen = 0.0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] == 0 || seen + counts[i] < rank)
            {
                seen += counts[i];
                continue;
            }

            var lower = i == 0 ? Math.Min(0, bounds.Count > 0 ? bounds[0] : 0) : bounds[i - 1];
            var upper = i < bounds.Count ? bounds[i] : lower; // the overflow bucket has no upper edge: report its lower one
            return lower + ((upper - lower) * (rank - seen) / counts[i]);
        }

        return bounds.Count > 0 ? bounds[^1] : 0;
    }
}
