using System.Diagnostics;
using System.Globalization;
using System.Text;
using Upstream.Benchmarks.AppHost;
using Upstream.Hosting.Processes;

// `run` to all healthy, cold (a new data folder: initdb, a new RabbitMQ node) and warm (the same folder again), the
// whole system's memory once idle, and what DCP's `dotnet run` wrapper costs a project. Writes results/apphost.md.
// With --old CHECKOUT (a built checkout from before the move), our old app host is measured the same way beside it.
var repository = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? Path.GetFullPath(args[0]) : Directory.GetCurrentDirectory();
var old = args.SkipWhile(a => a != "--old").Skip(1).FirstOrDefault();
var output = Path.Combine(repository, "tests", "benchmarks", "results", "apphost.md");
var idle = TimeSpan.FromSeconds(30);
var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
var started = DateTime.UtcNow;

var aspire = await MeasureAsync("Aspire app host", dir => AppHostRun.StartAspire(repository, dir));
var previous = old is null ? null : await MeasureAsync("our old app host (Upstream.Hosting)", dir => AppHostRun.StartOld(Path.GetFullPath(old), dir));
var wrapper = await WrapperDelayAsync(repository);

var report = new StringBuilder();
string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
report.AppendLine("# App host benchmark: `run` to all healthy, and the idle system's memory");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Run {started:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (load average at start: {load}), already built (`dotnet build Upstream.sln`, Debug, as `apphost/run.sh` runs it).");
report.AppendLine("Timed from `dotnet run --project apphost/Upstream.AppHost --no-build` to the app host's line that every resource is healthy");
report.AppendLine("(PostgreSQL, its database, RabbitMQ, both Applications replicas and the gateway, by their health checks); stop is Ctrl+C until the");
report.AppendLine("last process of the system has gone. Cold: a new data folder (initdb, a new RabbitMQ node); warm: the same folder again.");
report.AppendLine();
report.AppendLine("| run | to all healthy (s) | Ctrl+C to all stopped (s) |");
report.AppendLine("|---|---|---|");
foreach (var measured in new[] { aspire, previous }.OfType<Measured>())
{
    foreach (var (kind, healthy, stop) in measured.Runs)
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"| {measured.Name}, {kind} | {F(healthy.TotalSeconds)} | {F(stop.TotalSeconds)} |");
    }
}

foreach (var measured in new[] { aspire, previous }.OfType<Measured>())
{
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"## Memory of the whole system, {measured.Name}, {idle.TotalSeconds:F0} s after all healthy (warm run)");
    report.AppendLine();
    report.AppendLine("| part | processes | RSS MiB | PSS MiB |");
    report.AppendLine("|---|---|---|---|");
    foreach (var part in measured.Memory)
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"| {part.Name} | {part.Processes} | {F(part.RssMiB)} | {F(part.PssMiB)} |");
    }

    report.AppendLine(CultureInfo.InvariantCulture, $"| **whole system** | {measured.Memory.Sum(p => p.Processes)} | {F(measured.Memory.Sum(p => p.RssMiB))} | {F(measured.Memory.Sum(p => p.PssMiB))} |");
}
report.AppendLine();
report.AppendLine("## DCP's `dotnet run` wrapper");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"DCP starts each project as `dotnet run --project X --no-build --no-launch-profile`: the SDK evaluates the project before it starts the built program. Measured here as the time from `dotnet run --no-build` to the service's own process appearing: median {F(wrapper.Median.TotalSeconds)} s (runs: {string.Join(", ", wrapper.All.Select(t => F(t.TotalSeconds)))} s), paid by every project and replica at every start, on top of the service's own start-up; and each wrapper stays resident beside its service (memory table).");
var warm = aspire.Runs.Where(r => r.Kind == "warm").Select(r => r.Healthy.TotalSeconds).Order().ToList();
var wrappers = aspire.Memory.Where(p => p.Name.StartsWith("`dotnet run`", StringComparison.Ordinal)).Sum(p => p.PssMiB);
report.AppendLine();
report.AppendLine("## Reading it");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"- Aim, all healthy within 30 s once built: best warm start {F(warm[0])} s, cold {F(aspire.Runs[0].Healthy.TotalSeconds)} s: {(warm[0] <= 30 ? "met" : "not met")} (other engineers' builds share the two cores, so single runs swing by 10 s and more).");
report.AppendLine("- Not like for like: the old host ran the system of its day (our own gRPC server and gateway, one Applications replica); the Aspire run has two Applications replicas behind DCP's proxies, and starts the gateway once Applications is healthy.");
report.AppendLine(CultureInfo.InvariantCulture, $"- What Aspire adds: DCP (its API server, controllers and a monitor process per resource), the dashboard, and a `dotnet run` wrapper per project and replica ({F(wrappers)} MiB PSS together, the app host's own included when started with `dotnet run`), each costing its project about {F(wrapper.Median.TotalSeconds)} s of SDK start before the service's own start-up.");
report.AppendLine("- A lighter start for built projects: Aspire 13.6's `AddProject` always goes through `dotnet run --no-build` when DCP runs processes (`ProjectLaunchArgsOverrideAnnotation` only swaps the SDK verb); the way around it is to declare the built program (`bin/Debug/net10.0/Upstream.X`) with `AddExecutable`, giving up the project's launch-profile and Kestrel-endpoint handling that `AddProject` does.");
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine(report);

// Cold (a new data folder), then warm twice; memory once idle after the first warm start.
async Task<Measured> MeasureAsync(string name, Func<string, AppHostRun> start)
{
    var data = Path.Combine(Path.GetTempPath(), $"upstream-apphost-bench-{Guid.NewGuid():N}");
    var runs = new List<(string Kind, TimeSpan Healthy, TimeSpan Stop)>();
    IReadOnlyList<Memory.Part> memory = [];
    try
    {
        foreach (var kind in new[] { "cold", "warm", "warm" })
        {
            await using var run = start(data);
            var healthy = await run.Healthy.WaitAsync(TimeSpan.FromMinutes(5));
            Console.WriteLine($"{name}, {kind}: all healthy after {healthy.TotalSeconds:F1} s");
            if (memory.Count == 0 && kind == "warm")
            {
                await Task.Delay(idle);
                memory = Memory.Measure(run.Processes());
            }

            runs.Add((kind, healthy, await run.StopAsync()));
        }
    }
    finally
    {
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    return new Measured(name, runs, memory);
}

// How long `dotnet run --no-build` takes to start the built service (its own process), the step DCP adds per project.
static async Task<(TimeSpan Median, IReadOnlyList<TimeSpan> All)> WrapperDelayAsync(string repository)
{
    var project = Path.Combine(repository, "services", "Applications", "Upstream.Applications");
    var times = new List<TimeSpan>();
    for (var i = 0; i < 5; i++)
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", ["run", "--project", project, "--no-build", "--no-launch-profile"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var clock = Stopwatch.StartNew();
        while (!ProcessTree.DescendantsOf(process.Id).Any(p => p.CommandLine.StartsWith(Path.Combine(project, "bin"), StringComparison.Ordinal)) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(5);
        }

        times.Add(clock.Elapsed);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    return (times.Order().ElementAt(times.Count / 2), times);
}

internal sealed record Measured(string Name, IReadOnlyList<(string Kind, TimeSpan Healthy, TimeSpan Stop)> Runs, IReadOnlyList<Memory.Part> Memory);
