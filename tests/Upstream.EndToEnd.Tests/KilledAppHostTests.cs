using Upstream.Benchmarks.AppHost;
using Upstream.Hosting.Processes;

namespace Upstream.EndToEnd.Tests;

/// <summary>The app host killed outright (SIGKILL: no shutdown code runs) still leaves nothing behind.</summary>
[Collection(AppHostCollection.Name)] // one app host starting at a time: two cores
public sealed class KilledAppHostTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"upstream-e2e-killed-{Guid.NewGuid():N}");

    [Fact]
    public async Task Killing_the_app_host_stops_every_server_cleanly_and_leaves_no_process()
    {
        await using var run = AppHostRun.StartAspire(Repository(), _data);
        await run.Healthy.WaitAsync(TimeSpan.FromMinutes(5));
        var started = run.Processes();
        Assert.Contains(started, p => p.CommandLine.Contains("postgres -D", StringComparison.Ordinal));
        Assert.Contains(started, p => p.CommandLine.Contains("beam.smp", StringComparison.Ordinal));

        NativeSignals.Send(run.AppHostPid, Signal.Kill);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        var alive = started.Where(p => ProcessTree.IsAlive(p.Pid)).ToList();
        while (alive.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            alive = [.. alive.Where(p => ProcessTree.IsAlive(p.Pid))];
        }

        Assert.True(alive.Count == 0, "Still running: " + string.Join("; ", alive.Select(p => $"{p.Pid} {p.CommandLine}")));
        Assert.Contains("Database cluster state:               shut down", await PostgresControl.DataAsync(Path.Combine(_data, "postgres", "data")));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Upstream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Upstream.sln not found above the test output folder.");
    }
}
