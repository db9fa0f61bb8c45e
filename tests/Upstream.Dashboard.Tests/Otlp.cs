using Google.Protobuf;
using Upstream.Otlp.Collector.Logs.V1;
using Upstream.Otlp.Collector.Trace.V1;
using Upstream.Otlp.Common.V1;
using Upstream.Otlp.Logs.V1;
using Upstream.Otlp.Trace.V1;
using OtlpResource = Upstream.Otlp.Resource.V1.Resource;

namespace Upstream.Dashboard.Tests;

/// <summary>Export requests as a service's OpenTelemetry exporter would send them.</summary>
internal static class Otlp
{
    public static OtlpResource Service(string name) => new() { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = name } } } };

    public static byte[] Id(int length, byte seed) => [.. Enumerable.Range(0, length).Select(i => (byte)(seed + i))];

    public static Span Span(string name, byte traceSeed, byte spanSeed, ulong startNanos = 1_700_000_000_000_000_000) => new()
    {
        Name = name,
        TraceId = ByteString.CopyFrom(Id(16, traceSeed)),
        SpanId = ByteString.CopyFrom(Id(8, spanSeed)),
        Kind = Upstream.Otlp.Trace.V1.Span.Types.SpanKind.Server,
        StartTimeUnixNano = startNanos,
        EndTimeUnixNano = startNanos + 5_000_000,
        Attributes = { new KeyValue { Key = "http.route", Value = new AnyValue { StringValue = "/calls" } } },
    };

    public static ExportTraceServiceRequest Traces(string service, params Span[] spans) => new()
    {
        ResourceSpans = { new ResourceSpans { Resource = Service(service), ScopeSpans = { new ScopeSpans { Scope = new InstrumentationScope { Name = "Microsoft.AspNetCore" }, Spans = { spans } } } } },
    };

    public static ExportLogsServiceRequest Logs(string service, params string[] messages) => new()
    {
        ResourceLogs =
        {
            new ResourceLogs
            {
                Resource = Service(service),
                ScopeLogs = { new ScopeLogs { Scope = new InstrumentationScope { Name = "Upstream.Applications" }, LogRecords = { messages.Select(m => new LogRecord { Body = new AnyValue { StringValue = m }, SeverityNumber = SeverityNumber.Info, TimeUnixNano = 1_700_000_000_000_000_000 }) } } },
            },
        },
    };
}
