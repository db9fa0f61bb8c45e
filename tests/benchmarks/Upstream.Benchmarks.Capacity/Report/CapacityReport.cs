using System.Globalization;
using System.Text;
using System.Text.Json;
using Upstream.Benchmarks.Capacity.Measuring;
using Upstream.Benchmarks.Capacity.Paths;

namespace Upstream.Benchmarks.Capacity.Report;

/// <summary>results/capacity.md (to read) and capacity.json (every figure, for tools) from the runs.</summary>
public sealed class CapacityReport(DateTime started, string loadBefore, string loadAfter, string command, IReadOnlyList<ScaleRun> runs, IReadOnlyList<string> keptPaths)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The runs of an earlier capacity.json (none if there is none).</summary>
    public static IReadOnlyList<ScaleRun> Previous(string json)
    {
        if (!File.Exists(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        return document.RootElement.GetProperty("runs").Deserialize<List<ScaleRun>>(JsonOptions) ?? [];
    }

    public static string Line(ScaleRun run) =>
        $"  {run.Path} {run.Scale}x: {run.Size}; {run.WallSeconds:0.0} s, host RSS {run.RssMiB:0} MiB (peak {run.PeakRssMiB:0}); " +
        string.Join("; ", run.Figures.Take(4).Select(f => $"{f.Name} {F(f.Value)} {f.Unit}")) +
        (run.Checks.All(c => c.Passed) ? "; checks passed" : "; FAILED: " + string.Join(", ", run.Checks.Where(c => !c.Passed).Select(c => $"{c.Name} ({c.Detail})")));

    public string Json() => JsonSerializer.Serialize(
        new { started, cores = Environment.ProcessorCount, command, loadBefore, loadAfter, keptPaths, memory = "benchmark host process (services in-process), MiB; idle: each process of the Aspire system", runs },
        JsonOptions);

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Capacity: every service's hot paths at 1x, 10x and 100x (issue 21)");
        md.AppendLine();
        md.AppendLine(C, $"Run {started:yyyy-MM-dd HH:mm} UTC to {DateTime.UtcNow:HH:mm} UTC on {Environment.ProcessorCount} cores shared with other work. Command: `{command.Trim()}`.");
        md.AppendLine(C, $"Load average (1, 5, 15 min) before: {loadBefore}; after: {loadAfter} (each run's own is in its section).");
        if (keptPaths.Count > 0)
        {
            md.AppendLine(C, $"Not run by this command, kept from the previous results (with their own dates and loads): {string.Join(", ", keptPaths)}.");
        }

        md.AppendLine();
        md.AppendLine("How: a real PostgreSQL 15 (durable commits, fsync on) and RabbitMQ in a temporary folder; each service hosted as the");
        md.AppendLine("integration tests host it (tests/Upstream.Testing.Hosting's ServiceHost: its own `Build`, both Kestrel endpoints on");
        md.AppendLine("loopback ports, its own database and broker virtual host), fresh for every path and scale, with the services' own timings");
        md.AppendLine("(outbox relay 1 s, webhook poll 2 s), Npgsql's default pool (100) and logs at Warning; called through the typed gRPC");
        md.AppendLine("clients other services use, with development staff/member/partner tokens (feeds: the service's HTTP endpoint).");
        md.AppendLine("**Memory** is the benchmark host process's resident set (RSS): the service(s) of the path, their clients and the load");
        md.AppendLine("generator together, at the end of the run and its peak during the run (the peak is reset before each run); the idle");
        md.AppendLine("system's is each process's own. Setup (seeding councils, requests, findings, publications) is not timed.");
        md.AppendLine();
        md.AppendLine("## Summary");
        md.AppendLine();
        md.AppendLine("| path | scale | size | targets | checks | wall time (s) | host RSS end / peak (MiB) |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var run in runs)
        {
            var targets = run.Figures.Where(f => f.Met is not null).ToList();
            md.AppendLine(C, $"| {run.Path} | {run.Scale}x | {run.Size} | {(targets.Count == 0 ? "-" : $"{targets.Count(t => t.Met == true)} of {targets.Count} met")} | {(run.Checks.Count == 0 ? "-" : run.Checks.All(c => c.Passed) ? "all passed" : "**FAILED**")} | {run.WallSeconds:0.0} | {run.RssMiB:0} / {run.PeakRssMiB:0} |");
        }

        foreach (var path in Catalogue.All)
        {
            var mine = runs.Where(r => r.Path == path.Name).ToList();
            if (mine.Count > 0)
            {
                Section(md, path, mine);
            }
        }

        return md.ToString();
    }

    private static void Section(StringBuilder md, BenchmarkPath path, List<ScaleRun> mine)
    {
        md.AppendLine();
        md.AppendLine(C, $"## {path.Title} (`--paths {path.Name}`)");
        md.AppendLine();
        md.AppendLine(C, $"Target at 1x: {path.Target}.");
        md.AppendLine();
        md.AppendLine(C, $"**What grows and why:** {Growth.Of(path.Name, mine)}");
        md.AppendLine();
        if (Growth.RemedyFor(path.Name, mine) is { } remedy)
        {
            md.AppendLine(C, $"**Target missed at 1x; what would meet it:** {remedy}");
            md.AppendLine();
        }

        var measured = mine.Where(r => r.Figures.Count > 0).ToList();
        if (measured.Count > 0)
        {
            md.AppendLine("| figure | " + string.Join(" | ", measured.Select(r => $"{r.Scale}x: {r.Size}")) + " | target |");
            md.AppendLine("|---|" + string.Concat(measured.Select(_ => "---|")) + "---|");
            foreach (var name in measured.SelectMany(r => r.Figures.Select(f => f.Name)).Distinct())
            {
                var cells = measured.Select(r => r.Figures.FirstOrDefault(f => f.Name == name) is { } f ? $"{F(f.Value)} {f.Unit}{(f.Met is { } met ? met ? " ✓" : " **✗**" : "")}" : "");
                var target = measured.SelectMany(r => r.Figures).FirstOrDefault(f => f.Name == name)?.Target ?? "";
                md.AppendLine(C, $"| {name} | {string.Join(" | ", cells)} | {target} |");
            }

            md.AppendLine();
        }

        foreach (var run in mine)
        {
            foreach (var check in run.Checks)
            {
                md.AppendLine(C, $"- {run.Scale}x, {check.Name}: {(check.Passed ? "passed" : "**FAILED**")} ({check.Detail})");
            }

            if (run.Note is not null)
            {
                md.AppendLine(C, $"- {run.Scale}x: {run.Note}");
            }

            md.AppendLine(C, $"- {run.Scale}x: {(run.At is { } at ? $"run {at:yyyy-MM-dd HH:mm} UTC, " : "")}load average before {run.LoadBefore}, after {run.LoadAfter}.");
        }

        if (measured.Count > 1)
        {
            md.AppendLine();
            md.AppendLine("Curve (bars scaled to the largest):");
            md.AppendLine();
            md.AppendLine("```");
            var maxWall = measured.Max(r => r.WallSeconds);
            var maxPeak = measured.Max(r => r.PeakRssMiB);
            foreach (var run in measured)
            {
                md.AppendLine(C, $"{run.Scale,4}x  time {Bar(run.WallSeconds, maxWall)} {run.WallSeconds,8:0.0} s");
                md.AppendLine(C, $"       peak {Bar(run.PeakRssMiB, maxPeak)} {run.PeakRssMiB,8:0} MiB");
            }

            md.AppendLine("```");
        }
    }

    private static string Bar(double value, double max) => new string('#', max <= 0 ? 0 : (int)Math.Round(40 * value / max)).PadRight(40);

    private static string F(double value) => Math.Abs(value) >= 100 ? value.ToString("N0", C) : value.ToString("0.0#", C);
}
