using System.Diagnostics;
using System.Globalization;
using Upstream.Benchmarks.Capacity.Measuring;
using Upstream.Benchmarks.Capacity.Paths;
using Upstream.Benchmarks.Capacity.Report;
using Upstream.Testing.Hosting;

// Every service's hot paths at 1x, 10x and 100x the programme's size (issue 21), on a real PostgreSQL (durable
// commits) and RabbitMQ, the services hosted on their real ports and called through their gRPC (and feed HTTP)
// endpoints with development tokens. Writes tests/benchmarks/results/capacity.md and capacity.json.
//   dotnet Upstream.Benchmarks.Capacity.dll [--paths events,grants] [--scales 1,10] [--budget-minutes 12] [--results DIR]
var options = Options.Parse(args);
var repository = Repository.Root();
var results = options.Results ?? Path.Combine(repository, "tests", "benchmarks", "results");

// What the services log at Information (two lines per request, a warning per unknown council code) would be most of
// the work measured; Warning is what an operator would run them at under load. The hosts read it from the environment.
Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
Environment.SetEnvironmentVariable("Logging__LogLevel__Upstream.Network.Consumers.ApplicationSelectedConsumer", "Error");
Environment.SetEnvironmentVariable("Logging__LogLevel__Upstream.Insights.Webhooks.WebhookSender", "Error"); // the planned 500s
Environment.SetEnvironmentVariable("Logging__LogLevel__Microsoft.Extensions.Diagnostics.HealthChecks", "Critical"); // polled before the bus is up

var loadBefore = HostMemory.LoadAverage();
var started = DateTime.UtcNow;
var runs = new List<ScaleRun>();
SharedInfrastructure? servers = null;
try
{
    foreach (var path in Catalogue.All.Where(p => options.Paths.Contains(p.Name)))
    {
        (int Scale, double Seconds)? previous = null;
        foreach (var scale in path.Scales.Where(options.Scales.Contains))
        {
            // A scale whose estimate (the last one's time, grown in proportion) is far beyond the budget is not run.
            if (previous is { } last && last.Seconds * scale / last.Scale > options.Budget.TotalSeconds)
            {
                var estimate = TimeSpan.FromSeconds(last.Seconds * scale / last.Scale);
                Console.WriteLine($"{path.Name} {scale}x: skipped (estimated {estimate.TotalMinutes:0} min from {last.Scale}x, budget {options.Budget.TotalMinutes:0} min)");
                runs.Add(new ScaleRun(path.Name, scale, "not run", 0, 0, 0, HostMemory.LoadAverage(), HostMemory.LoadAverage(), [], [],
                    $"Not run: estimated {estimate.TotalMinutes:0} min from the {last.Scale}x run's {last.Seconds:0} s, over the {options.Budget.TotalMinutes:0} min budget (`--budget-minutes`)."));
                continue;
            }

            if (path.NeedsServers && servers is null)
            {
                Console.WriteLine("Starting PostgreSQL (durable commits) and RabbitMQ ...");
                servers = await SharedInfrastructure.StartAsync(durable: true);
            }

            Console.WriteLine($"{path.Name} {scale}x ...");
            HostMemory.ResetPeak();
            var load = HostMemory.LoadAverage();
            var clock = Stopwatch.StartNew();
            ScaleRun run;
            try
            {
                var outcome = await path.RunAsync(servers, repository, scale);
                run = new ScaleRun(path.Name, scale, outcome.Size, clock.Elapsed.TotalSeconds, HostMemory.RssMiB(), HostMemory.PeakMiB(), load, HostMemory.LoadAverage(), outcome.Figures, outcome.Checks, outcome.Note, DateTime.UtcNow);
            }
            catch (Exception e)
            {
                run = new ScaleRun(path.Name, scale, "failed", clock.Elapsed.TotalSeconds, HostMemory.RssMiB(), HostMemory.PeakMiB(), load, HostMemory.LoadAverage(), [],
                    [new Check("ran to the end", false, $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")} {Where(e)}")]);
            }

            runs.Add(run);
            previous = (scale, run.WallSeconds);
            Console.WriteLine(CapacityReport.Line(run));
        }
    }
}
finally
{
    if (servers is not null)
    {
        await servers.DisposeAsync();
    }
}

// The paths not run this time keep their last results, so a quick look at one path does not lose the others.
var kept = CapacityReport.Previous(Path.Combine(results, "capacity.json")).Where(r => !options.Paths.Contains(r.Path)).ToList();
var all = Catalogue.All.SelectMany(p => kept.Concat(runs).Where(r => r.Path == p.Name)).ToList();
var report = new CapacityReport(started, loadBefore, HostMemory.LoadAverage(), options.CommandLine, all, kept.Select(r => r.Path).Distinct().ToList());
Directory.CreateDirectory(results);
await File.WriteAllTextAsync(Path.Combine(results, "capacity.md"), report.Markdown());
await File.WriteAllTextAsync(Path.Combine(results, "capacity.json"), report.Json());
Console.WriteLine($"Written to {Path.Combine(results, "capacity.md")} and capacity.json");
return runs.All(r => r.Checks.All(c => c.Passed)) ? 0 : 1;

// Which step of the path threw (its line in the benchmark's own code).
static string Where(Exception e) =>
    e.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("Upstream.Benchmarks.Capacity.Paths", StringComparison.Ordinal)) ?? "";

/// <summary>The command line: which paths and scales, the time budget per run, where results go.</summary>
internal sealed record Options(IReadOnlySet<string> Paths, IReadOnlySet<int> Scales, TimeSpan Budget, string? Results, string CommandLine)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var paths = Value("--paths") is { } p && p != "all" ? p.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet() : Catalogue.All.Select(c => c.Name).ToHashSet();
        var unknown = paths.Except(Catalogue.All.Select(c => c.Name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown path(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", Catalogue.All.Select(c => c.Name))}.");
        }

        var scales = (Value("--scales") ?? "1,10,100").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToHashSet();
        var budget = TimeSpan.FromMinutes(double.Parse(Value("--budget-minutes") ?? "12", CultureInfo.InvariantCulture));
        return new Options(paths, scales, budget, Value("--results"), "bash tests/benchmarks/capacity.sh " + string.Join(' ', args));
    }
}
