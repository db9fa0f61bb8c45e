using System.Globalization;

namespace Upstream.Benchmarks.Capacity.Measuring;

/// <summary>
/// The benchmark host's resident memory from /proc/self/status. The services run inside this process (as the
/// integration tests host them), so this is services, their clients and the load together.
/// </summary>
public static class HostMemory
{
    /// <summary>Collects garbage and resets the kernel's peak (VmHWM) so the next peak is this path's alone.</summary>
    public static void ResetPeak()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5"); // 5: reset the peak resident set size (Linux 4.0 and later)
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not allowed here: the peak is then the process's since it started, which the report says.
        }
    }

    public static double RssMiB() => Field("VmRSS:");

    public static double PeakMiB() => Field("VmHWM:");

    private static double Field(string name) =>
        File.ReadLines("/proc/self/status")
            .Where(l => l.StartsWith(name, StringComparison.Ordinal))
            .Select(l => long.Parse(l[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0)
            .FirstOrDefault();

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
