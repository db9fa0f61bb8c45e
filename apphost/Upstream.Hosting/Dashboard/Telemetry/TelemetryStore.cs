using Upstream.Otlp.Logs.V1;
using Upstream.Otlp.Metrics.V1;
using Upstream.Otlp.Trace.V1;

namespace Upstream.Hosting.Dashboard.Telemetry;

/// <summary>
/// Everything the dashboard shows from OTLP: spans, log records and metric points, each bounded and journaled
/// under DATA/telemetry/ so an app host restart (the usual edit-and-rerun loop) keeps yesterday's traces.
/// Collection can be paused for one resource or all, and a resource's telemetry cleared.
/// </summary>
public sealed class TelemetryStore : IDisposable
{
    /// <summary>The name that stands for every resource in pause and clear.</summary>
    public const string AllResources = "*";

    private readonly HashSet<string> _paused = [];
    private readonly Lock _gate = new();

    public TelemetryStore(string dataDirectory, TelemetryLimits limits)
    {
        var folder = Path.Combine(dataDirectory, "telemetry");
        Limits = limits;
        Spans = new(limits.MaxSpans, new(Path.Combine(folder, "traces.otlp"), ResourceSpans.Parser), SpanRecord.From);
        Logs = new(limits.MaxLogs, new(Path.Combine(folder, "logs.otlp"), ResourceLogs.Parser), LogRecordEntry.From);
        Metrics = new(limits.MaxMetricPoints, new(Path.Combine(folder, "metrics.otlp"), ResourceMetrics.Parser), MetricPointRecord.From);
    }

    public TelemetryLimits Limits { get; }

    internal SignalStore<SpanRecord, ResourceSpans> Spans { get; }

    internal SignalStore<LogRecordEntry, ResourceLogs> Logs { get; }

    internal SignalStore<MetricPointRecord, ResourceMetrics> Metrics { get; }

    public bool IsPaused(string resource)
    {
        lock (_gate)
        {
            return _paused.Contains(AllResources) || _paused.Contains(resource);
        }
    }

    public void Pause(string resource, bool paused)
    {
        lock (_gate)
        {
            _ = paused ? _paused.Add(resource) : _paused.Remove(resource);
        }
    }

    /// <summary>Forgets a resource's spans, logs and metrics (or everyone's, for <see cref="AllResources"/>), on disk too.</summary>
    public void Clear(string resource)
    {
        var which = resource == AllResources ? null : resource;
        Spans.Clear(which);
        Logs.Clear(which);
        Metrics.Clear(which);
    }

    internal void Add(IReadOnlyCollection<SpanRecord> spans) => Spans.Add(Unpaused(spans));

    internal void Add(IReadOnlyCollection<LogRecordEntry> logs) => Logs.Add(Unpaused(logs));

    internal void Add(IReadOnlyCollection<MetricPointRecord> points) => Metrics.Add(Unpaused(points));

    private List<T> Unpaused<T>(IEnumerable<T> records)
        where T : ITelemetryRecord => [.. records.Where(r => !IsPaused(r.ResourceName))];

    public void Dispose()
    {
        Spans.Dispose();
        Logs.Dispose();
        Metrics.Dispose();
    }
}
