namespace Upstream.Benchmarks.Grpc.Report;

internal static class Statistics
{
    /// <summary>The middle value (the mean of the middle two for an even count); robust to one disturbed round.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
