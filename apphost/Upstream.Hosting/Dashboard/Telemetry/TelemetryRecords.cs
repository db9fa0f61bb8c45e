using Google.Protobuf;
using Upstream.Otlp.Common.V1;
using Upstream.Otlp.Logs.V1;
using Upstream.Otlp.Metrics.V1;
using Upstream.Otlp.Trace.V1;
using OtlpResource = Upstream.Otlp.Resource.V1.Resource;

namespace Upstream.Hosting.Dashboard.Telemetry;

/// <summary>
/// One span, log record or metric point with the resource and scope it came from. Each is kept (and journaled)
/// on its own so the oldest can be dropped one at a time and a resource's telemetry cleared without touching
/// anyone else's.
/// </summary>
internal interface ITelemetryRecord
{
    /// <summary>The resource that sent it: OTEL_SERVICE_NAME, which the app host sets to the resource's name.</summary>
    string ResourceName { get; }

    /// <summary>The record as a one-item OTLP message, for the journal.</summary>
    IMessage ToJournal();
}

internal static class ResourceNames
{
    public static string Of(OtlpResource? resource) =>
        resource is null ? "unknown" : OtlpValues.Find(resource.Attributes, "service.name") ?? "unknown";
}

internal sealed record SpanRecord(OtlpResource Resource, InstrumentationScope Scope, Span Span) : ITelemetryRecord
{
    public string ResourceName { get; } = ResourceNames.Of(Resource);

    public string TraceId { get; } = OtlpValues.Hex(Span.TraceId);

    public string SpanId { get; } = OtlpValues.Hex(Span.SpanId);

    public string ParentSpanId { get; } = OtlpValues.Hex(Span.ParentSpanId);

    public DateTimeOffset Start => OtlpValues.Instant(Span.StartTimeUnixNano);

    public TimeSpan Duration => TimeSpan.FromTicks((long)(Span.EndTimeUnixNano - Math.Min(Span.StartTimeUnixNano, Span.EndTimeUnixNano)) / 100);

    public IMessage ToJournal() => new ResourceSpans { Resource = Resource, ScopeSpans = { new ScopeSpans { Scope = Scope, Spans = { Span } } } };

    public static IEnumerable<SpanRecord> From(ResourceSpans journaled) =>
        journaled.ScopeSpans.SelectMany(s => s.Spans.Select(span => new SpanRecord(journaled.Resource ?? new OtlpResource(), s.Scope ?? new InstrumentationScope(), span)));
}

internal sealed record LogRecordEntry(OtlpResource Resource, InstrumentationScope Scope, LogRecord Log) : ITelemetryRecord
{
    public string ResourceName { get; } = ResourceNames.Of(Resource);

    public string TraceId { get; } = OtlpValues.Hex(Log.TraceId);

    public string SpanId { get; } = OtlpValues.Hex(Log.SpanId);

    public DateTimeOffset Time => OtlpValues.Instant(Log.TimeUnixNano != 0 ? Log.TimeUnixNano : Log.ObservedTimeUnixNano);

    /// <summary>Trace, Debug, Information, Warning, Error or Critical: the levels .NET operators know.</summary>
    public string Level => (int)Log.SeverityNumber switch
    {
        >= 21 => "Critical",
        >= 17 => "Error",
        >= 13 => "Warning",
        >= 9 => "Information",
        >= 5 => "Debug",
        >= 1 => "Trace",
        _ => string.IsNullOrEmpty(Log.SeverityText) ? "Unspecified" : Log.SeverityText,
    };

    public string Message => OtlpValues.Text(Log.Body);

    public IMessage ToJournal() => new ResourceLogs { Resource = Resource, ScopeLogs = { new ScopeLogs { Scope = Scope, LogRecords = { Log } } } };

    public static IEnumerable<LogRecordEntry> From(ResourceLogs journaled) =>
        journaled.ScopeLogs.SelectMany(s => s.LogRecords.Select(log => new LogRecordEntry(journaled.Resource ?? new OtlpResource(), s.Scope ?? new InstrumentationScope(), log)));
}

/// <summary>One metric holding exactly one data point.</summary>
internal sealed record MetricPointRecord(OtlpResource Resource, InstrumentationScope Scope, Metric Metric) : ITelemetryRecord
{
    public string ResourceName { get; } = ResourceNames.Of(Resource);

    public IMessage ToJournal() => new ResourceMetrics { Resource = Resource, ScopeMetrics = { new ScopeMetrics { Scope = Scope, Metrics = { Metric } } } };

    public static IEnumerable<MetricPointRecord> From(ResourceMetrics journaled) =>
        journaled.ScopeMetrics.SelectMany(s => s.Metrics.SelectMany(SplitPoints).Select(m => new MetricPointRecord(journaled.Resource ?? new OtlpResource(), s.Scope ?? new InstrumentationScope(), m)));

    /// <summary>A metric with N points becomes N metrics of one point each (same name, unit and kind).</summary>
    public static IEnumerable<Metric> SplitPoints(Metric metric)
    {
        Metric Shell() => new() { Name = metric.Name, Description = metric.Description, Unit = metric.Unit };
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                return metric.Gauge.DataPoints.Select(p => { var m = Shell(); m.Gauge = new Gauge { DataPoints = { p } }; return m; });
            case Metric.DataOneofCase.Sum:
                return metric.Sum.DataPoints.Select(p => { var m = Shell(); m.Sum = new Sum { DataPoints = { p }, AggregationTemporality = metric.Sum.AggregationTemporality, IsMonotonic = metric.Sum.IsMonotonic }; return m; });
            case Metric.DataOneofCase.Histogram:
                return metric.Histogram.DataPoints.Select(p => { var m = Shell(); m.Histogram = new Histogram { DataPoints = { p }, AggregationTemporality = metric.Histogram.AggregationTemporality }; return m; });
            case Metric.DataOneofCase.ExponentialHistogram:
                return metric.ExponentialHistogram.DataPoints.Select(p => { var m = Shell(); m.ExponentialHistogram = new ExponentialHistogram { DataPoints = { p }, AggregationTemporality = metric.ExponentialHistogram.AggregationTemporality }; return m; });
            case Metric.DataOneofCase.Summary:
                return metric.Summary.DataPoints.Select(p => { var m = Shell(); m.Summary = new Summary { DataPoints = { p } }; return m; });
            default:
                return [];
        }
    }

    /// <summary>When the point was taken.</summary>
    public DateTimeOffset Time => OtlpValues.Instant(Metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => Metric.Gauge.DataPoints[0].TimeUnixNano,
        Metric.DataOneofCase.Sum => Metric.Sum.DataPoints[0].TimeUnixNano,
        Metric.DataOneofCase.Histogram => Metric.Histogram.DataPoints[0].TimeUnixNano,
        Metric.DataOneofCase.ExponentialHistogram => Metric.ExponentialHistogram.DataPoints[0].TimeUnixNano,
        Metric.DataOneofCase.Summary => Metric.Summary.DataPoints[0].TimeUnixNano,
        _ => 0,
    });
}
