using Google.Protobuf;
using Upstream.Hosting.Dashboard.Telemetry;
using Upstream.Otlp.Collector.Logs.V1;
using Upstream.Otlp.Collector.Metrics.V1;
using Upstream.Otlp.Collector.Trace.V1;
using Upstream.Otlp.Metrics.V1;

namespace Upstream.Hosting.Dashboard.Otlp;

/// <summary>
/// Turns a parsed export into stored records. Items that cannot be shown correctly (ids of the wrong length, a
/// metric without data) are refused one by one and reported as partial success; the rest are kept.
/// </summary>
internal static class OtlpIngest
{
    public static (IMessage Response, int Rejected) Traces(ExportTraceServiceRequest request, TelemetryStore store)
    {
        var problems = new List<string>();
        var kept = new List<SpanRecord>();
        foreach (var resource in request.ResourceSpans)
        {
            foreach (var scope in resource.ScopeSpans)
            {
                foreach (var span in scope.Spans)
                {
                    var problem = span.TraceId.Length != 16 ? $"span '{span.Name}' has a trace id of {span.TraceId.Length} bytes, not 16"
                        : span.SpanId.Length != 8 ? $"span '{span.Name}' has a span id of {span.SpanId.Length} bytes, not 8"
                        : span.ParentSpanId.Length is not (0 or 8) ? $"span '{span.Name}' has a parent span id of {span.ParentSpanId.Length} bytes, not 8"
                        : null;
                    if (problem is null)
                    {
                        kept.Add(new SpanRecord(resource.Resource ?? new(), scope.Scope ?? new(), span));
                    }
                    else
                    {
                        problems.Add(problem);
                    }
                }
            }
        }

        store.Add(kept);
        var outcome = ExportOutcome.Of(problems);
        var response = new ExportTraceServiceResponse();
        if (outcome.Rejected > 0)
        {
            response.PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = outcome.Rejected, ErrorMessage = outcome.Error };
        }

        return (response, outcome.Rejected);
    }

    public static (IMessage Response, int Rejected) Logs(ExportLogsServiceRequest request, TelemetryStore store)
    {
        var problems = new List<string>();
        var kept = new List<LogRecordEntry>();
        foreach (var resource in request.ResourceLogs)
        {
            foreach (var scope in resource.ScopeLogs)
            {
                foreach (var log in scope.LogRecords)
                {
                    var problem = log.TraceId.Length is not (0 or 16) ? $"a log record has a trace id of {log.TraceId.Length} bytes, not 16"
                        : log.SpanId.Length is not (0 or 8) ? $"a log record has a span id of {log.SpanId.Length} bytes, not 8"
                        : null;
                    if (problem is null)
                    {
                        kept.Add(new LogRecordEntry(resource.Resource ?? new(), scope.Scope ?? new(), log));
                    }
                    else
                    {
                        problems.Add(problem);
                    }
                }
            }
        }

        store.Add(kept);
        var outcome = ExportOutcome.Of(problems);
        var response = new ExportLogsServiceResponse();
        if (outcome.Rejected > 0)
        {
            response.PartialSuccess = new ExportLogsPartialSuccess { RejectedLogRecords = outcome.Rejected, ErrorMessage = outcome.Error };
        }

        return (response, outcome.Rejected);
    }

    public static (IMessage Response, int Rejected) Metrics(ExportMetricsServiceRequest request, TelemetryStore store)
    {
        var problems = new List<string>();
        var kept = new List<MetricPointRecord>();
        foreach (var resource in request.ResourceMetrics)
        {
            foreach (var scope in resource.ScopeMetrics)
            {
                foreach (var metric in scope.Metrics)
                {
                    if (string.IsNullOrEmpty(metric.Name) || metric.DataCase == Metric.DataOneofCase.None)
                    {
                        problems.Add($"metric '{metric.Name}' has {(string.IsNullOrEmpty(metric.Name) ? "no name" : "no data")}");
                        continue;
                    }

                    kept.AddRange(MetricPointRecord.SplitPoints(metric).Select(m => new MetricPointRecord(resource.Resource ?? new(), scope.Scope ?? new(), m)));
                }
            }
        }

        store.Add(kept);
        var outcome = ExportOutcome.Of(problems);
        var response = new ExportMetricsServiceResponse();
        if (outcome.Rejected > 0)
        {
            response.PartialSuccess = new ExportMetricsPartialSuccess { RejectedDataPoints = outcome.Rejected, ErrorMessage = outcome.Error };
        }

        return (response, outcome.Rejected);
    }
}
