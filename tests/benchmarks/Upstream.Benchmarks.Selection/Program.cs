using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Upstream.Applications.Domain;
using Upstream.Applications.Selection;
using Upstream.Benchmarks.Selection;

// One command: dotnet run -c Release --project tests/benchmarks/Upstream.Benchmarks.Selection
// Each scenario runs on several seeds (different applications and scores); each seed is timed end to end
// (validation, exact search, explanations for every application) after one warm-up run, whose time (just-in-time
// compilation included: what the first selection in a fresh service process costs) is reported separately. The
// machine is shared, so each row gives wall-clock time and the process's CPU time over the same interval.
const int Seeds = 9;
const double TargetMs = 1000;

static SelectionQuotas Programme(IReadOnlyList<string> regions) =>
    new([.. regions.Select(r => new RegionQuota(r, 1, 3))], [new(AreaCharacter.Urban, 6), new(AreaCharacter.Rural, 6), new(AreaCharacter.Coastal, 4)]);

Scenario[] scenarios =
[
    new("programme quotas", "every region 1-3 places; urban ≥ 6, rural ≥ 6, coastal ≥ 4", 2_000, 20, Programme),
    new("with pins and exclusions", "as above, 4 pinned and 50 excluded", 2_000, 20, Programme, Pins: 4, Exclusions: 50),
    new("tight quotas", "every region 1-2 places; urban ≥ 8, rural ≥ 8, coastal ≥ 8", 2_000, 20,
        regions => new([.. regions.Select(r => new RegionQuota(r, 1, 2))], [new(AreaCharacter.Urban, 8), new(AreaCharacter.Rural, 8), new(AreaCharacter.Coastal, 8)])),
    new("many equal scores", "programme quotas; only 12 distinct scores, so the tie-break decides", 2_000, 20, Programme, DistinctTotals: 12),
    new("quotas that cannot all be met", "every region 2-3 places (at least 24 for 20), urban ≥ 6: the conflicting quotas are found by relaxing them one at a time", 2_000, 20,
        regions => new([.. regions.Select(r => new RegionQuota(r, 2, 3))], [new(AreaCharacter.Urban, 6)]), Feasible: false),
];

var coldRequest = scenarios[0].Request(-1);
var (coldWall, coldCpu) = Timed(() => CohortSelector.Select(coldRequest));

var rows = new List<string>();
var slowest = 0.0;
foreach (var scenario in scenarios)
{
    var times = new List<double>();
    var cpu = new List<double>();
    for (var seed = 1; seed <= Seeds; seed++)
    {
        var request = scenario.Request(seed);
        CohortSelection? result = null;
        var (wall, processor) = Timed(() => result = CohortSelector.Select(request));
        if (scenario.Feasible != result!.IsFeasible || (scenario.Feasible && result.Chosen.Count != scenario.Size))
        {
            throw new InvalidOperationException($"{scenario.Name}, seed {seed}: unexpected outcome ({result.Chosen.Count} chosen; {string.Join("; ", result.UnmetQuotas.Select(q => q.Description))}).");
        }

        times.Add(wall);
        cpu.Add(processor);
    }

    times.Sort();
    cpu.Sort();
    slowest = Math.Max(slowest, times[^1]);
    rows.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {scenario.Name} | {scenario.Setting} | {scenario.Applications:N0} | {scenario.Size} | {Seeds} | {times[Seeds / 2]:0.0} | {times[^1]:0.0} | {cpu[Seeds / 2]:0.0} | {cpu[^1]:0.0} | {(times[^1] < TargetMs ? "yes" : "**no**")} |"));
    Console.WriteLine(rows[^1]);
}

var report = new StringBuilder()
    .AppendLine("# Cohort selection benchmark")
    .AppendLine()
    .AppendLine("Exact selection (`CohortSelector.Select`) of a cohort from applications over the registry's twelve regions and three area")
    .AppendLine("characters, each application with one to three characters and about 5% of councils with a second application.")
    .AppendLine("Times are wall-clock milliseconds per selection, end to end (validation, exact search, an explanation for every")
    .AppendLine("application), on seeds 1-9 of each scenario after one warm-up selection (reported below). Target: under 1,000 ms.")
    .AppendLine()
    .AppendLine("Run: `dotnet run -c Release --project tests/benchmarks/Upstream.Benchmarks.Selection`")
    .AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; run at {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.")
    .AppendLine()
    .AppendLine("| scenario | quotas | applications | cohort | seeds | median wall ms | max wall ms | median CPU ms | max CPU ms | under 1 s |")
    .AppendLine("|---|---|---|---|---|---|---|---|---|---|");
rows.ForEach(r => report.AppendLine(r));
report.AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"Slowest selection (wall): {slowest:0.0} ms. First selection in a fresh process, just-in-time compilation included: {coldWall:0.0} ms wall, {coldCpu:0.0} ms CPU.")
    .AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"Load average when the run ended: {LoadAverage()} (the machine is shared; wall times include waiting for a core).");

var root = new DirectoryInfo(AppContext.BaseDirectory);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "Upstream.sln")))
{
    root = root.Parent;
}

var path = Path.Combine(root?.FullName ?? ".", "tests", "benchmarks", "results", "cohort-selection.md");
Directory.CreateDirectory(Path.GetDirectoryName(path)!);
await File.WriteAllTextAsync(path, report.ToString());
Console.WriteLine($"Written to {path}");
return slowest < TargetMs ? 0 : 1;

// Wall-clock and process CPU milliseconds of one call.
static (double Wall, double Cpu) Timed(Action action)
{
    using var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    action();
    watch.Stop();
    process.Refresh();
    return (watch.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
