using System.Globalization;

namespace Upstream.Benchmarks.Grpc.Load;

/// <summary>
/// CPU time a process and its descendants have used, from /proc. On a shared machine the wall-clock rate moves
/// with everyone else's work; CPU time per call does not, so it is what the ratios are judged by.
/// </summary>
internal static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on every Linux this runs on.

    public static TimeSpan Tree(int rootPid)
    {
        var total = 0.0;
        var pending = new Stack<int>([rootPid]);
        while (pending.TryPop(out var pid))
        {
            total += Ticks(pid);
            foreach (var child in Children(pid))
            {
                pending.Push(child);
            }
        }

        return TimeSpan.FromSeconds(total / TicksPerSecond);
    }

    // utime and stime are fields 14 and 15 of /proc/PID/stat, counted after the ")" that ends the command name.
    private static double Ticks(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        if (stat is null)
        {
            return 0;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static IEnumerable<int> Children(int pid)
    {
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return [];
        }

        return Directory.GetDirectories(tasks)
            .SelectMany(task => (Read(Path.Combine(task, "children")) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(child => int.Parse(child, CultureInfo.InvariantCulture));
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null; // The process ended between listing and reading.
        }
    }
}
