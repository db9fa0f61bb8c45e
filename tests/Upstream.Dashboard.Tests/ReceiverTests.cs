using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Upstream.Otlp.Collector.Metrics.V1;
using Upstream.Otlp.Collector.Trace.V1;

namespace Upstream.Dashboard.Tests;

/// <summary>The OTLP/HTTP receiver, fed over real HTTP as the services' exporters feed it.</summary>
public sealed class ReceiverTests : IAsyncLifetime
{
    private DashboardUnderTest _dashboard = null!;

    public async Task InitializeAsync() => _dashboard = await DashboardUnderTest.StartAsync();

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    private static ByteArrayContent Protobuf(IMessage message, bool gzip = false)
    {
        var bytes = message.ToByteArray();
        if (gzip)
        {
            using var compressed = new MemoryStream();
            using (var zip = new GZipStream(compressed, CompressionLevel.Fastest))
            {
                zip.Write(bytes);
            }

            bytes = compressed.ToArray();
        }

        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return content;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Protobuf_spans_are_kept_with_their_resource_and_answered_with_an_empty_response()
    {
        using var response = await _dashboard.Otlp.PostAsync("/v1/traces", Protobuf(Otlp.Traces("applications", Otlp.Span("GET /calls", 1, 1), Otlp.Span("postgresql", 1, 9))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        var answer = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(answer.PartialSuccess);
        var spans = _dashboard.Store.Spans.Snapshot();
        Assert.Equal(["GET /calls", "postgresql"], spans.Select(s => s.Span.Name));
        Assert.All(spans, s => Assert.Equal("applications", s.ResourceName));
        Assert.Equal(Convert.ToHexStringLower(Otlp.Id(16, 1)), spans[0].TraceId);
    }

    [Fact]
    public async Task Json_with_hex_ids_and_string_nanoseconds_is_read_per_the_otlp_json_mapping()
    {
        const string body = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"network"}}]},
              "scopeSpans":[{"scope":{"name":"Upstream.Network"},"spans":[{
                "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","parentSpanId":"eee19b7ec3c1b173",
                "name":"JoinMember","kind":2,"startTimeUnixNano":"1544712660000000000","endTimeUnixNano":"1544712661000000000",
                "attributes":[{"key":"rpc.method","value":{"stringValue":"JoinMember"}},{"key":"retries","value":{"intValue":"2"}}],
                "status":{"code":2,"message":"boom"},"someFutureField":true}]}]}]}
            """;

        using var response = await _dashboard.Otlp.PostAsync("/v1/traces", Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateObject()); // no partialSuccess: all kept
        var span = Assert.Single(_dashboard.Store.Spans.Snapshot());
        Assert.Equal(("network", "5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", "eee19b7ec3c1b173"), (span.ResourceName, span.TraceId, span.SpanId, span.ParentSpanId));
        Assert.Equal(TimeSpan.FromSeconds(1), span.Duration);
        Assert.Equal(new DateTimeOffset(2018, 12, 13, 14, 51, 0, TimeSpan.Zero), span.Start);
        Assert.Equal(Upstream.Otlp.Trace.V1.Status.Types.StatusCode.Error, span.Span.Status.Code);
        Assert.Equal(2, span.Span.Attributes.Single(a => a.Key == "retries").Value.IntValue);
    }

    [Fact]
    public async Task Gzipped_protobuf_logs_are_unpacked_and_kept()
    {
        using var response = await _dashboard.Otlp.PostAsync("/v1/logs", Protobuf(Otlp.Logs("applications", "Call published", "Application submitted"), gzip: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Call published", "Application submitted"], _dashboard.Store.Logs.Snapshot().Select(l => l.Message));
        Assert.All(_dashboard.Store.Logs.Snapshot(), l => Assert.Equal("Information", l.Level));
    }

    [Fact]
    public async Task Gzipped_json_metrics_are_split_into_points()
    {
        const string body = """
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"grants"}}]},
              "scopeMetrics":[{"scope":{"name":"Upstream.Grants"},"metrics":[
                {"name":"grants.awarded","unit":"{grant}","sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[
                  {"asInt":"3","timeUnixNano":"1700000000000000000","attributes":[{"key":"fund","value":{"stringValue":"experiments"}}]},
                  {"asInt":"4","timeUnixNano":"1700000000000000000","attributes":[{"key":"fund","value":{"stringValue":"residentials"}}]}]}}]}]}]}
            """;
        using var compressed = new MemoryStream();
        using (var zip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            zip.Write(Encoding.UTF8.GetBytes(body));
        }

        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await _dashboard.Otlp.PostAsync("/v1/metrics", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var points = _dashboard.Store.Metrics.Snapshot();
        Assert.Equal([3L, 4L], points.Select(p => p.Metric.Sum.DataPoints.Single().AsInt));
        Assert.All(points, p => Assert.Equal(("grants", "grants.awarded"), (p.ResourceName, p.Metric.Name)));
    }

    [Theory]
    [InlineData("application/x-protobuf", new byte[] { 0x0A, 0xFF, 0xFF, 0x01 })] // a field longer than the body
    [InlineData("application/x-protobuf", new byte[] { 0xFF, 0xFF, 0xFF })] // not a protobuf tag at all
    [InlineData("application/json", new byte[] { (byte)'{', (byte)'"', (byte)'r' })] // cut-off JSON
    public async Task A_malformed_body_is_refused_with_400_and_loses_nothing_already_kept_or_sent_after(string contentType, byte[] body)
    {
        await _dashboard.Otlp.PostAsync("/v1/traces", Protobuf(Otlp.Traces("applications", Otlp.Span("before", 1, 1))));
        var bad = new ByteArrayContent(body);
        bad.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        using var refused = await _dashboard.Otlp.PostAsync("/v1/traces", bad);
        await _dashboard.Otlp.PostAsync("/v1/traces", Protobuf(Otlp.Traces("applications", Otlp.Span("after", 2, 1))));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = contentType == "application/json"
            ? JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()
            : StatusMessage(await refused.Content.ReadAsByteArrayAsync());
        Assert.Contains("not a valid export request", message, StringComparison.Ordinal);
        Assert.Equal(["before", "after"], _dashboard.Store.Spans.Snapshot().Select(s => s.Span.Name));
    }

    [Fact]
    public async Task Json_with_an_id_that_is_not_hex_is_refused_whole()
    {
        using var refused = await _dashboard.Otlp.PostAsync("/v1/traces", Json("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz","spanId":"0102030405060708","name":"x"}]}]}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("traceId \\u0022zz\\u0022 is not hex", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_dashboard.Store.Spans.Snapshot());
    }

    [Fact]
    public async Task Spans_with_ids_of_the_wrong_length_are_rejected_one_by_one_as_partial_success()
    {
        var broken = Otlp.Span("broken", 1, 2);
        broken.TraceId = ByteString.CopyFrom(Otlp.Id(5, 1));

        using var response = await _dashboard.Otlp.PostAsync("/v1/traces", Protobuf(Otlp.Traces("applications", Otlp.Span("fine", 1, 1), broken)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, answer.PartialSuccess.RejectedSpans);
        Assert.Contains("trace id of 5 bytes", answer.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(["fine"], _dashboard.Store.Spans.Snapshot().Select(s => s.Span.Name));
    }

    [Fact]
    public async Task Partial_success_is_answered_in_json_to_a_json_sender()
    {
        using var response = await _dashboard.Otlp.PostAsync("/v1/logs", Json("""
            {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"ok"}},{"body":{"stringValue":"bad"},"spanId":"0102"}]}]}]}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("partialSuccess");
        Assert.Equal("1", answer.GetProperty("rejectedLogRecords").ToString());
        Assert.Equal(["ok"], _dashboard.Store.Logs.Snapshot().Select(l => l.Message));
        Assert.Equal("unknown", _dashboard.Store.Logs.Snapshot()[0].ResourceName);
    }

    [Fact]
    public async Task Without_the_api_key_nothing_is_accepted()
    {
        using var anonymous = new HttpClient { BaseAddress = _dashboard.Dashboard.OtlpEndpoint };
        using var wrong = new HttpClient { BaseAddress = _dashboard.Dashboard.OtlpEndpoint };
        wrong.DefaultRequestHeaders.Add("x-otlp-api-key", "guess");

        using var none = await anonymous.PostAsync("/v1/traces", Protobuf(Otlp.Traces("intruder", Otlp.Span("x", 1, 1))));
        using var guessed = await wrong.PostAsync("/v1/logs", Protobuf(Otlp.Logs("intruder", "x")));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
        Assert.Empty(_dashboard.Store.Spans.Snapshot());
        Assert.Empty(_dashboard.Store.Logs.Snapshot());
    }

    [Fact]
    public async Task Another_content_type_is_refused_with_415()
    {
        using var response = await _dashboard.Otlp.PostAsync("/v1/metrics", new StringContent("metrics", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_without_data_are_rejected_and_counted_while_the_rest_are_kept()
    {
        var request = new ExportMetricsServiceRequest
        {
            ResourceMetrics =
            {
                new Upstream.Otlp.Metrics.V1.ResourceMetrics
                {
                    Resource = Otlp.Service("events"),
                    ScopeMetrics =
                    {
                        new Upstream.Otlp.Metrics.V1.ScopeMetrics
                        {
                            Metrics =
                            {
                                new Upstream.Otlp.Metrics.V1.Metric { Name = "empty" },
                                new Upstream.Otlp.Metrics.V1.Metric { Name = "events.registrations", Gauge = new() { DataPoints = { new Upstream.Otlp.Metrics.V1.NumberDataPoint { AsDouble = 12, TimeUnixNano = 1 } } } },
                            },
                        },
                    },
                },
            },
        };

        using var response = await _dashboard.Otlp.PostAsync("/v1/metrics", Protobuf(request));

        var answer = ExportMetricsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, answer.PartialSuccess.RejectedDataPoints);
        Assert.Equal(12, Assert.Single(_dashboard.Store.Metrics.Snapshot()).Metric.Gauge.DataPoints[0].AsDouble);
    }

    [Fact]
    public async Task Paused_resources_send_without_error_but_nothing_is_kept_until_resumed()
    {
        _dashboard.Store.Pause("applications", true);
        await _dashboard.Otlp.PostAsync("/v1/logs", Protobuf(Otlp.Logs("applications", "while paused")));
        await _dashboard.Otlp.PostAsync("/v1/logs", Protobuf(Otlp.Logs("network", "someone else")));
        _dashboard.Store.Pause("applications", false);
        using var response = await _dashboard.Otlp.PostAsync("/v1/logs", Protobuf(Otlp.Logs("applications", "resumed")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["someone else", "resumed"], _dashboard.Store.Logs.Snapshot().Select(l => l.Message));
    }

    /// <summary>google.rpc.Status.message (field 2) from the protobuf error body.</summary>
    private static string StatusMessage(byte[] body)
    {
        var input = new CodedInputStream(body);
        string message = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 2)
            {
                message = input.ReadString();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return message;
    }
}
