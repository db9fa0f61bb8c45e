using System.Diagnostics;
using System.Globalization;
using Upstream.Hosting.Infrastructure;
using Upstream.Hosting.Processes;

namespace Upstream.Benchmarks.AppHost;

/// <summary>One run of an app host on free dashboard ports and its own data folder, timed to its line that all is healthy.</summary>
internal sealed class AppHostRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<TimeSpan> _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _demo = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private AppHostRun(Process process, string dataDirectory, string readyLine)
    {
        ReadyLine = readyLine;
        _process = process;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    private string ReadyLine { get; }

    public Task<TimeSpan> Healthy => _healthy.Task;

    /// <summary>The demo's last line (`--demo`): filled in, already there, or stopped with why.</summary>
    public Task<string> DemoFinished => _demo.Task;

    /// <summary>The Aspire app host, as apphost/run.sh starts it (`dotnet run --no-build`; with `--demo` when asked).</summary>
    public static AppHostRun StartAspire(string repository, string dataDirectory, bool demo = false)
    {
        // --no-launch-profile with the profile's settings, but free ports: a developer's own app host may be running.
        var info = new ProcessStartInfo("dotnet", ["run", "--project", Path.Combine(repository, "apphost", "Upstream.AppHost"), "--no-build", "--no-launch-profile", "--", $"--Upstream:DataDirectory={dataDirectory}", $"--Upstream:Demo={(demo ? "true" : "false")}"]);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort.Next()}";
        info.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        info.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        info.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        return Start(info, repository, dataDirectory, "Upstream: all ");
    }

    /// <summary>Our old app host (Upstream.Hosting) from an older checkout, as its run.sh started it (`dotnet Upstream.AppHost.dll`).</summary>
    public static AppHostRun StartOld(string checkout, string dataDirectory)
    {
        var dll = Path.Combine(checkout, "apphost", "Upstream.AppHost", "bin", "Debug", "net10.0", "Upstream.AppHost.dll");
        var info = new ProcessStartInfo("dotnet", [dll, $"--Upstream:DataDirectory={dataDirectory}", $"--Upstream:Dashboard:Port={FreePort.Next()}"]);
        return Start(info, checkout, dataDirectory, "Development tokens");
    }

    private static AppHostRun Start(ProcessStartInfo info, string workingDirectory, string dataDirectory, string readyLine)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = workingDirectory;
        var process = new Process { StartInfo = info };
        var run = new AppHostRun(process, dataDirectory, readyLine);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith(run.ReadyLine, StringComparison.Ordinal) == true)
            {
                run._healthy.TrySetResult(run._clock.Elapsed);
            }

            // DemoProgramme's closing lines (apphost/Upstream.AppHost/DemoProgramme.cs).
            if (e.Data is { } line && (line.StartsWith("Demo: in the dashboard", StringComparison.Ordinal) || line.StartsWith("Demo: stopped", StringComparison.Ordinal) || line.Contains("already there", StringComparison.Ordinal)))
            {
                run._demo.TrySetResult(line);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>The app host's own process (under `dotnet run`, its child).</summary>
    public int AppHostPid =>
        ProcessTree.DescendantsOf(_process.Id).FirstOrDefault(p => p.CommandLine.Contains("Upstream.AppHost", StringComparison.Ordinal) && !p.CommandLine.StartsWith("dotnet run", StringComparison.Ordinal))?.Pid
        ?? _process.Id;

    /// <summary>Every process of the running system: ours, DCP's (it watches the app host), and the servers' (epmd detaches).</summary>
    public IReadOnlyList<ProcessTree.Entry> Processes()
    {
        return
        [
            .. ProcessTree.DescendantsOf(_process.Id)
                .Prepend(new ProcessTree.Entry(_process.Id, 0, string.Join(' ', [_process.StartInfo.FileName, .. _process.StartInfo.ArgumentList])))
                .Concat(ProcessTree.TreesOf($"--monitor {AppHostPid.ToString(CultureInfo.InvariantCulture)}"))
                .Concat(ProcessTree.Mentioning(DataDirectory))
                .DistinctBy(p => p.Pid),
        ];
    }

    /// <summary>Ctrl+C, as a terminal sends it (to `dotnet run` and the app host both); returns how long everything took to stop.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var processes = Processes();
        var clock = Stopwatch.StartNew();
        NativeSignals.Send(_process.Id, Signal.Interrupt);
        foreach (var child in processes.Where(p => p.ParentPid == _process.Id && p.CommandLine.Contains("Upstream.AppHost", StringComparison.Ordinal)))
        {
            NativeSignals.Send(child.Pid, Signal.Interrupt);
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        while (processes.Any(p => ProcessTree.IsAlive(p.Pid)) && clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(100);
        }

        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await StopAsync();
        }

        _process.Dispose();
    }
}
