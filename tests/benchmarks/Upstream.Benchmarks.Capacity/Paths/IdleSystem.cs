using System.Globalization;
using Upstream.Benchmarks.AppHost;
using Upstream.Benchmarks.Capacity.Measuring;

namespace Upstream.Benchmarks.Capacity.Paths;

/// <summary>
/// The whole system idle: the Aspire app host started as apphost/run.sh starts it (built in Debug, every service with
/// its two replicas, the gateway, PostgreSQL, RabbitMQ, DCP and the dashboard), left to settle, then each process's
/// resident memory from /proc. Scale does not apply: this is the programme's own system.
/// </summary>
public static class IdleSystem
{
    public const string Name = "idle";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    public static async Task<Outcome> RunAsync(string repository)
    {
        var data = Path.Combine(Path.GetTempPath(), $"upstream-capacity-idle-{Guid.NewGuid():N}");
        try
        {
            await using var run = AppHostRun.StartAspire(repository, data, demo: true);
            var healthy = await run.Healthy.WaitAsync(TimeSpan.FromMinutes(5));

            // The demo programme (`run.sh --demo`) first: the memory below is the system's after a whole programme.
            var demoLine = await run.DemoFinished.WaitAsync(TimeSpan.FromMinutes(15));
            var journey = $"the demo programme (`--demo`), which ended: \"{demoLine}\"";

            await Task.Delay(Settle);
            var processes = run.Processes();
            var figures = new List<Figure>();
            var serviceProcesses = processes
                .Where(p => !p.CommandLine.StartsWith("dotnet run", StringComparison.Ordinal) && !p.CommandLine.Contains("/dotnet run ", StringComparison.Ordinal))
                .Select(p => (Process: p, Service: Memory.Services.FirstOrDefault(s => p.CommandLine.Contains(s + ".dll", StringComparison.Ordinal) || p.CommandLine.Contains($"/{s} ", StringComparison.Ordinal) || p.CommandLine.EndsWith($"/{s}", StringComparison.Ordinal))))
                .Where(p => p.Service is not null)
                .OrderBy(p => p.Service, StringComparer.Ordinal)
                .ToList();
            foreach (var group in serviceProcesses.GroupBy(p => p.Service!))
            {
                var replica = 0;
                foreach (var (process, service) in group)
                {
                    var rss = Memory.Usage(process.Pid).Rss / 1024.0;
                    var limited = service != "Upstream.Gateway";
                    figures.Add(new Figure($"{service} replica {++replica} (pid {process.Pid.ToString(CultureInfo.InvariantCulture)}) RSS", rss, "MiB", limited ? "< 200 MiB" : null, limited ? rss < 200 : null));
                }
            }

            foreach (var part in Memory.Measure(processes))
            {
                figures.Add(new Figure($"part: {part.Name} ({part.Processes} processes) RSS / PSS", part.RssMiB, "MiB", Met: null, Target: $"PSS {part.PssMiB:0.0} MiB"));
            }

            figures.Add(new Figure("whole system RSS (shared pages counted in each process)", processes.Sum(p => Memory.Usage(p.Pid).Rss) / 1024.0, "MiB"));
            figures.Add(new Figure("run to all healthy", healthy.TotalSeconds, "s"));
            var replicas = serviceProcesses.GroupBy(p => p.Service).ToDictionary(g => g.Key!, g => g.Count());
            return new Outcome(
                "the Aspire system, idle after the demo programme",
                figures,
                [new Check("every service runs two replicas (gateway one)", Memory.Services.All(s => replicas.GetValueOrDefault(s) == (s == "Upstream.Gateway" ? 1 : 2)), string.Join(", ", Memory.Services.Select(s => $"{s[9..]} {replicas.GetValueOrDefault(s)}")))],
                $"Measured {Settle.TotalSeconds:0} s after the demo programme was in. Before measuring: {journey}. RSS of each process from /proc/PID/smaps_rollup (Debug build, as apphost/run.sh runs it).");
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
    }
}
