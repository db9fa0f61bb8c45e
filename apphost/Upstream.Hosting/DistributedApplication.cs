using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Upstream.Hosting.Dashboard;
using Upstream.Hosting.Model;
using Upstream.Hosting.Resources;

namespace Upstream.Hosting;

/// <summary>
/// Runs the declared resources: each starts when what it waits for is Running and healthy, health is watched
/// while it runs, a process that dies is reported with its exit code and last lines (never silently
/// restarted), and stopping goes in reverse dependency order so nothing is left behind.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private static readonly TimeSpan HealthyWithin = TimeSpan.FromMinutes(3);
    private readonly Dictionary<Resource, TaskCompletionSource<bool>> _ready;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _allHealthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentBag<Task> _monitors = []; // health monitors, added from parallel starts; they end on stop
    private readonly SemaphoreSlim _actions = new(1, 1); // operators' start/stop/restart, one at a time
    private volatile bool _stopping;
    private AppHostContext? _context;
    private bool _stopped;

    internal DistributedApplication(AppHostOptions options, IReadOnlyList<Resource> resources, AppHostDashboard? dashboard = null)
    {
        Options = options;
        Dashboard = dashboard;
        Resources = resources;
        _ready = resources.ToDictionary(r => r, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        foreach (var resource in resources)
        {
            resource.Changed += snapshot => ResourceChanged?.Invoke(snapshot);
        }
    }

    public AppHostOptions Options { get; }

    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>The operators' dashboard, if AddDashboard declared one; it starts first and stops last.</summary>
    public AppHostDashboard? Dashboard { get; }

    public event Action<ResourceSnapshot>? ResourceChanged;

    /// <summary>Completes the first time every resource is Running and healthy.</summary>
    public Task AllHealthy => _allHealthy.Task;

    /// <summary>Lines a resource's processes wrote last: for crash reports.</summary>
    public static IReadOnlyList<string> RecentOutputOf(Resource resource) => resource.RecentOutput;

    public async Task StartAsync()
    {
        if (Dashboard is not null)
        {
            // First, so every project is started with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a receiver that listens.
            await Dashboard.StartAsync(this).ConfigureAwait(false);
            Options.OtlpEndpoint = Dashboard.OtlpEndpoint;
            Options.OtlpApiKey = Dashboard.ApiKey;
        }

        var context = _context = new AppHostContext(Options, new SecretStore(Options.DataDirectory));
        foreach (var project in Resources.OfType<ProjectResource>())
        {
            project.AllocateEndpoints(Options);
        }

        var starts = Resources.Select(r => StartOneAsync(r, context)).ToArray();
        _ = Task.WhenAll(starts).ContinueWith(_ => CompleteIfAllHealthy(), TaskScheduler.Default);
    }

    /// <summary>Starts everything, then runs until Ctrl+C or SIGTERM (or the token), then stops everything.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        await StartAsync().ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }

        await StopAsync().ConfigureAwait(false);

        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true; // we stop in order ourselves
            // Not on the runtime's signal thread: the whole ordered stop would otherwise continue there, and that
            // thread also reports child processes exiting, which the stop waits for.
            ThreadPool.QueueUserWorkItem(_ => stop.Cancel());
        }
    }

    private async Task StartOneAsync(Resource resource, AppHostContext context)
    {
        var ready = _ready[resource];
        try
        {
            if (resource.WaitsFor.Count > 0)
            {
                resource.Update(s => s with { State = ResourceState.Waiting });
                foreach (var dependency in resource.WaitsFor)
                {
                    if (!await _ready[dependency].Task.ConfigureAwait(false))
                    {
                        resource.Update(s => s with { State = ResourceState.FailedToStart, Reason = $"{dependency.Name} did not become healthy ({dependency.Snapshot.State})" });
                        ready.TrySetResult(false);
                        return;
                    }
                }
            }

            if (_stopping)
            {
                ready.TrySetResult(false);
                return;
            }

            resource.Update(s => s with { State = ResourceState.Starting });
            await resource.StartAsync(context, _lifetime.Token).ConfigureAwait(false);
            resource.Update(s => s with { State = ResourceState.Running, StartedAt = DateTimeOffset.UtcNow });
            WatchForExit(resource);
            ready.TrySetResult(await WaitUntilHealthyAsync(resource).ConfigureAwait(false));
            _monitors.Add(MonitorHealthAsync(resource));
        }
        catch (Exception e) when (!_stopping)
        {
            resource.Update(s => s with { State = ResourceState.FailedToStart, Reason = e.Message });
            ready.TrySetResult(false);
        }
        catch (Exception)
        {
            ready.TrySetResult(false);
        }
    }

    /// <summary>An operator's Stop: the resource ends as Finished and keeps its console output; what depends on it is left alone, as in Aspire.</summary>
    public async Task StopResourceAsync(string name)
    {
        var resource = Find(name);
        await _actions.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopOneAsync(resource).ConfigureAwait(false);
        }
        finally
        {
            _actions.Release();
        }
    }

    /// <summary>An operator's Start of a resource that is not running (stopped, exited, or failed to start).</summary>
    public async Task StartResourceAsync(string name)
    {
        var resource = Find(name);
        await _actions.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stopping || resource.Snapshot.State is ResourceState.Running or ResourceState.Starting or ResourceState.Stopping or ResourceState.Waiting)
            {
                return;
            }

            resource.Update(s => s with { State = ResourceState.Starting, ExitCode = null, Reason = null, Health = HealthStatus.Unknown });
            try
            {
                await resource.StartAsync(_context!, _lifetime.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!_stopping)
            {
                resource.Update(s => s with { State = ResourceState.FailedToStart, Reason = e.Message });
                return;
            }

            resource.Update(s => s with { State = ResourceState.Running, StartedAt = DateTimeOffset.UtcNow });
            WatchForExit(resource);
            _monitors.Add(MonitorHealthAsync(resource));
        }
        finally
        {
            _actions.Release();
        }
    }

    public async Task RestartResourceAsync(string name)
    {
        await StopResourceAsync(name).ConfigureAwait(false);
        await StartResourceAsync(name).ConfigureAwait(false);
    }

    private Resource Find(string name) =>
        Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"There is no resource named '{name}'.");

    private async Task<bool> WaitUntilHealthyAsync(Resource resource)
    {
        var deadline = DateTime.UtcNow + HealthyWithin;
        while (!_stopping && DateTime.UtcNow < deadline && resource.Snapshot.State == ResourceState.Running)
        {
            if (await resource.CheckHealthAsync(_lifetime.Token).ConfigureAwait(false) == HealthStatus.Healthy)
            {
                resource.Update(s => s with { Health = HealthStatus.Healthy });
                return true;
            }

            resource.Update(s => s with { Health = HealthStatus.Unhealthy });
            await Task.Delay(250, _lifetime.Token).ConfigureAwait(false);
        }

        return false;
    }

    private async Task MonitorHealthAsync(Resource resource)
    {
        try
        {
            while (!_stopping && resource.Snapshot.State == ResourceState.Running)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), _lifetime.Token).ConfigureAwait(false);
                var health = await resource.CheckHealthAsync(_lifetime.Token).ConfigureAwait(false);
                resource.Update(s => s.State == ResourceState.Running ? s with { Health = health } : s);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void WatchForExit(Resource resource) =>
        _ = resource.ExitedUnexpectedly.ContinueWith(
            exited =>
            {
                // Only a process that dies while Running is a crash; one an operator stopped is not.
                if (!_stopping && exited.IsCompletedSuccessfully && resource.Snapshot.State == ResourceState.Running)
                {
                    resource.Update(s => s with { State = ResourceState.Exited, ExitCode = exited.Result, Health = HealthStatus.Unhealthy, Reason = "exited unexpectedly" });
                }
            },
            TaskScheduler.Default);

    private void CompleteIfAllHealthy()
    {
        if (_ready.Values.All(r => r.Task.IsCompletedSuccessfully && r.Task.Result))
        {
            _allHealthy.TrySetResult();
        }
        else
        {
            _allHealthy.TrySetException(new InvalidOperationException(
                "Not every resource became healthy: " + string.Join(", ", Resources.Where(r => !_ready[r].Task.Result).Select(r => $"{r.Name} ({r.Snapshot.State})"))));
        }
    }

    /// <summary>Stops dependents before what they depend on, each wave in parallel.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        _stopping = true;
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_monitors).ConfigureAwait(false);
        var remaining = Resources.ToList();
        while (remaining.Count > 0)
        {
            var wave = remaining.Where(r => !remaining.Any(other => other.WaitsFor.Contains(r))).ToList();
            if (wave.Count == 0)
            {
                wave = remaining; // a cycle cannot be declared through the API, but never loop forever
            }

            await Task.WhenAll(wave.Select(StopOneAsync)).ConfigureAwait(false);
            remaining.RemoveAll(wave.Contains);
        }

        if (Dashboard is not null)
        {
            await Dashboard.DisposeAsync().ConfigureAwait(false); // last: projects flush their telemetry as they stop
        }
    }

    private static async Task StopOneAsync(Resource resource)
    {
        var state = resource.Snapshot.State;
        if (state is not (ResourceState.Running or ResourceState.Starting))
        {
            await resource.StopAsync().ConfigureAwait(false); // harmless where nothing runs; kills half-started processes
            return;
        }

        resource.Update(s => s with { State = ResourceState.Stopping });
        await resource.StopAsync().ConfigureAwait(false);
        resource.Update(s => s with { State = ResourceState.Finished, Health = HealthStatus.Unknown });
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _lifetime.Dispose();
        _actions.Dispose();
    }
}
