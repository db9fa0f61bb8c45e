using Google.Protobuf;
using Upstream.Hosting.Dashboard.Telemetry;
using Upstream.Otlp.Collector.Logs.V1;
using Upstream.Otlp.Collector.Metrics.V1;
using Upstream.Otlp.Collector.Trace.V1;
using Upstream.Otlp.Logs.V1;
using Upstream.Otlp.Metrics.V1;
using Upstream.Otlp.Trace.V1;

namespace Upstream.Hosting.Dashboard.Otlp;

/// <summary>
/// Turns a parsed export into stored records. Items that cannot be shown correctly (ids of the wrong length, a
/// metric without data) are refused one by one and reported as partial success; the rest are kept.
/// </summary>
internal static class OtlpIngest
{
    public static (IMessage Response, int Rejected) Traces(ExportTraceServiceRequest request, TelemetryStore store)
    {
        var (kept, outcome) = Sort(
            from resource in request.ResourceSpans
            from scope in resource.ScopeSpans
            from span in scope.Spans
            select (Problem(span), One(() => new SpanRecord(resource.Resource ?? new(), scope.Scope ?? new(), span))));
        store.Add(kept);
        return (outcome.Rejected == 0 ? new ExportTraceServiceResponse()
            : new ExportTraceServiceResponse { PartialSuccess = new() { RejectedSpans = outcome.Rejected, ErrorMessage = outcome.Error } }, outcome.Rejected);
    }

    public static (IMessage Response, int Rejected) Logs(ExportLogsServiceRequest request, TelemetryStore store)
    {
        var (kept, outcome) = Sort(
            from resource in request.ResourceLogs
            from scope in resource.ScopeLogs
            from log in scope.LogRecords
            select (Problem(log), One(() => new LogRecordEntry(resource.Resource ?? new(), scope.Scope ?? new(), log))));
        store.Add(kept);
        return (outcome.Rejected == 0 ? new ExportLogsServiceResponse()
            : new ExportLogsServiceResponse { PartialSuccess = new() { RejectedLogRecords = outcome.Rejected, ErrorMessage = outcome.Error } }, outcome.Rejected);
    }

    public static (IMessage Response, int Rejected) Metrics(ExportMetricsServiceRequest request, TelemetryStore store)
    {
        var (kept, outcome) = Sort(
            from resource in request.ResourceMetrics
            from scope in resource.ScopeMetrics
            from metric in scope.Metrics
            select (Problem(metric), (Func<IEnumerable<MetricPointRecord>>)(() =>
                MetricPointRecord.SplitPoints(metric).Select(m => new MetricPointRecord(resource.Resource ?? new(), scope.Scope ?? new(), m)))));
        store.Add(kept);
        return (outcome.Rejected == 0 ? new ExportMetricsServiceResponse()
            : new ExportMetricsServiceResponse { PartialSuccess = new() { RejectedDataPoints = outcome.Rejected, ErrorMessage = outcome.Error } }, outcome.Rejected);
    }

    private static string? Problem(Span span) =>
        span.TraceId.Length != 16 ? $"span '{span.Name}' has a trace id of {span.TraceId.Length} bytes, not 16"
        : span.SpanId.Length != 8 ? $"span '{span.Name}' has a span id of {span.SpanId.Length} bytes, not 8"
        : span.ParentSpanId.Length is not (0 or 8) ? $"span '{span.Name}' has a parent span id of {span.ParentSpanId.Length} bytes, not 8"
        : null;

    private static string? Problem(LogRecord log) =>
        log.TraceId.Length is not (0 or 16) ? $"a log record has a trace id of {log.TraceId.Length} bytes, not 16"
        : log.SpanId.Length is not (0 or 8) ? $"a log record has a span id of {log.SpanId.Length} bytes, not 8"
        : null;

    private static string? Problem(Metric metric) =>
        string.IsNullOrEmpty(metric.Name) ? "a metric has no name"
        : metric.DataCase == Metric.DataOneofCase.None ? $"metric '{metric.Name}' has no data"
        : null;

    private static Func<IEnumerable<T>> One<T>(Func<T> make) => () => [make()];

    /// <summary>Keeps the records of the items without a problem; counts and describes the rest.</summary>
    private static (List<T> Kept, ExportOutcome Outcome) Sort<T>(IEnumerable<(string? Problem, Func<IEnumerable<T>> Records)> items)
    {
        var kept = new List<T>();
        var problems = new List<string>();
        foreach (var (problem, records) in items)
        {
            if (problem is null)
            {
                kept.AddRange(records());
            }
            else
            {
                problems.Add(problem);
            }
        }

        return (kept, ExportOutcome.Of(problems));
    }
}
