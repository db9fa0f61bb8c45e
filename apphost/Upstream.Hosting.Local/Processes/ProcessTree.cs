using System.Globalization;

namespace Upstream.Hosting.Processes;

/// <summary>Reads the live process tree from /proc, to prove what a process left running.</summary>
public static class ProcessTree
{
    public sealed record Entry(int Pid, int ParentPid, string CommandLine);

    public static IReadOnlyList<Entry> DescendantsOf(int root)
    {
        var all = Snapshot();
        var result = new List<Entry>();
        var frontier = new Queue<int>([root]);
        while (frontier.Count > 0)
        {
            var parent = frontier.Dequeue();
            foreach (var child in all.Where(e => e.ParentPid == parent))
            {
                result.Add(child);
                frontier.Enqueue(child.Pid);
            }
        }

        return result;
    }

    public static bool IsAlive(int pid)
    {
        // A zombie has exited; only its parent has not reaped it yet.
        var stat = Read($"/proc/{pid}/stat");
        return stat is not null && StateOf(stat) != 'Z';
    }

    /// <summary>Every live process whose command line or environment mentions <paramref name="text"/> (a data folder, say).</summary>
    public static IReadOnlyList<Entry> Mentioning(string text) =>
        [.. Snapshot().Where(e => e.CommandLine.Contains(text, StringComparison.Ordinal)
            || (Read($"/proc/{e.Pid}/environ")?.Contains(text, StringComparison.Ordinal) ?? false))];

    /// <summary>Every live process whose command line contains <paramref name="text"/>, with all its descendants.</summary>
    public static IReadOnlyList<Entry> TreesOf(string text) =>
        [.. Snapshot().Where(e => e.CommandLine.Contains(text, StringComparison.Ordinal)).SelectMany(e => DescendantsOf(e.Pid).Prepend(e))];

    private static List<Entry> Snapshot()
    {
        var entries = new List<Entry>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Read($"{dir}/stat") is not { } stat || StateOf(stat) == 'Z')
            {
                continue;
            }

            // The command name may hold spaces and parentheses: fields resume after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var commandLine = (Read($"{dir}/cmdline") ?? "").Replace('\0', ' ').Trim();
            entries.Add(new Entry(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), commandLine));
        }

        return entries;
    }

    private static char StateOf(string stat) => stat[stat.LastIndexOf(')') + 2];

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
