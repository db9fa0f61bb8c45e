using Upstream.Hosting.Model;

namespace Upstream.Hosting;

/// <summary>
/// The console view of the app host: one line per state change, the last log lines of anything that fails,
/// and a table of every resource with its endpoints once all are healthy.
/// </summary>
public sealed class ConsoleReporter
{
    private readonly DistributedApplication _app;
    private readonly TextWriter _out;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (ResourceState, HealthStatus)> _shown = [];

    public ConsoleReporter(DistributedApplication app, TextWriter output)
    {
        _app = app;
        _out = output;
        app.ResourceChanged += OnChanged;
        app.AllHealthy.ContinueWith(t => { if (t.IsCompletedSuccessfully) { PrintSummary(); } }, TaskScheduler.Default);
        app.Dashboard?.Started.ContinueWith(t => { if (t.IsCompletedSuccessfully) { PrintDashboard(); } }, TaskScheduler.Default);
    }

    /// <summary>The dashboard's address with its login token: printed once it listens, and again under the summary.</summary>
    private void PrintDashboard()
    {
        lock (_gate)
        {
            if (_app.Dashboard?.Notice is { } notice)
            {
                _out.WriteLine($"{DateTime.Now:HH:mm:ss} Dashboard: {notice}");
            }

            _out.WriteLine($"{DateTime.Now:HH:mm:ss} Dashboard: {_app.Dashboard?.LoginUrl}");
        }
    }

    private void OnChanged(ResourceSnapshot s)
    {
        lock (_gate)
        {
            // Endpoint and pid updates arrive separately; a line is worth printing only when state or health moves.
            if (_shown.TryGetValue(s.Name, out var last) && last == (s.State, s.Health))
            {
                return;
            }

            _shown[s.Name] = (s.State, s.Health);
            var detail = s.State switch
            {
                ResourceState.Running => $"{s.Health}{(s.ProcessId is { } pid ? $", pid {pid}" : "")}",
                ResourceState.Exited => $"exit code {s.ExitCode}",
                ResourceState.FailedToStart or ResourceState.Waiting => s.Reason ?? string.Join(", ", _app.Resources.First(r => r.Name == s.Name).WaitsFor.Select(d => $"for {d.Name}")),
                _ => "",
            };
            _out.WriteLine($"{DateTime.Now:HH:mm:ss} {s.Name,-14} {s.State,-13} {detail}");
            if (s.State is ResourceState.Exited or ResourceState.FailedToStart)
            {
                var resource = _app.Resources.First(r => r.Name == s.Name);
                foreach (var line in DistributedApplication.RecentOutputOf(resource).TakeLast(20))
                {
                    _out.WriteLine($"    | {line}");
                }
            }
        }
    }

    private void PrintSummary()
    {
        lock (_gate)
        {
            _out.WriteLine();
            _out.WriteLine($"{"resource",-14} {"type",-20} {"state",-9} {"health",-9} endpoints");
            foreach (var s in _app.Resources.Select(r => r.Snapshot))
            {
                _out.WriteLine($"{s.Name,-14} {s.Type,-20} {s.State,-9} {s.Health,-9} {string.Join(' ', s.Endpoints.Select(e => e.ToString().TrimEnd('/')))}");
            }

            _out.WriteLine();
            if (_app.Dashboard?.LoginUrl is { } dashboard)
            {
                _out.WriteLine($"Dashboard: {dashboard}");
            }

            _out.WriteLine($"Upstream is running: {_app.Resources.Count} resources healthy. Data in {_app.Options.DataDirectory}. Press Ctrl+C to stop.");
        }
    }
}
