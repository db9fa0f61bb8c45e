using System.Globalization;
using Upstream.Hosting.Processes;

namespace Upstream.Benchmarks.AppHost;

/// <summary>Resident memory of a set of processes, by part of the system, from /proc (PSS counts shared pages once).</summary>
internal static class Memory
{
    public sealed record Part(string Name, int Processes, double RssMiB, double PssMiB);

    /// <summary>The processes of our own services and the gateway, by the name in their command line.</summary>
    public static readonly string[] Services = ["Upstream.Applications", "Upstream.Network", "Upstream.Events", "Upstream.Grants", "Upstream.Insights", "Upstream.Gateway"];

    private static readonly (string Name, Func<string, bool> Matches)[] Parts =
    [
        ("guards and shells", c => c.StartsWith("/bin/sh", StringComparison.Ordinal)),
        ("`dotnet run` wrappers (DCP starts each project through one)", c => c.StartsWith("dotnet run", StringComparison.Ordinal) || c.Contains("/dotnet run ", StringComparison.Ordinal)),
        ("DCP (API server, controllers, process monitors)", c => c.Contains("/dcp ", StringComparison.Ordinal) || c.Contains("dcpctrl", StringComparison.Ordinal)),
        ("Aspire dashboard", c => c.Contains("Aspire.Dashboard", StringComparison.Ordinal)),
        ("app host", c => c.Contains("Upstream.AppHost", StringComparison.Ordinal)),
        ("services and gateway", c => Services.Any(s => c.Contains(s, StringComparison.Ordinal))),
        ("PostgreSQL", c => c.StartsWith("postgres", StringComparison.Ordinal) || c.Contains("/postgres ", StringComparison.Ordinal)),
        ("RabbitMQ (beam, epmd, helpers)", c => c.Contains("beam.smp", StringComparison.Ordinal) || c.Contains("epmd", StringComparison.Ordinal) || c.Contains("erl_child_setup", StringComparison.Ordinal) || c.Contains("inet_gethost", StringComparison.Ordinal)),
        ("other", _ => true),
    ];

    public static IReadOnlyList<Part> Measure(IReadOnlyList<ProcessTree.Entry> processes) =>
    [
        .. processes
            .Select(p => (Part: Parts.First(part => part.Matches(p.CommandLine)).Name, Usage: Usage(p.Pid)))
            .GroupBy(p => p.Part)
            .Select(g => new Part(g.Key, g.Count(), g.Sum(p => p.Usage.Rss) / 1024.0, g.Sum(p => p.Usage.Pss) / 1024.0))
            .OrderBy(p => Array.FindIndex(Parts, part => part.Name == p.Name)),
    ];

    public static (long Rss, long Pss) Usage(int pid)
    {
        try
        {
            var lines = File.ReadAllLines($"/proc/{pid}/smaps_rollup");
            return (Kilobytes(lines, "Rss:"), Kilobytes(lines, "Pss:"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (0, 0); // gone meanwhile
        }
    }

    private static long Kilobytes(string[] lines, string field) =>
        lines.Where(l => l.StartsWith(field, StringComparison.Ordinal))
            .Select(l => long.Parse(l[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .FirstOrDefault();
}
