using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Upstream.Otlp.Collector.Metrics.V1;
using Upstream.Otlp.Common.V1;
using Upstream.Otlp.Metrics.V1;

namespace Upstream.Dashboard.Tests;

/// <summary>What the signed-in operator reads on the telemetry pages, fed through the receiver.</summary>
public sealed class PageTests : IAsyncLifetime
{
    private DashboardUnderTest _dashboard = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _dashboard = await DashboardUnderTest.StartAsync();
        _browser = await _dashboard.SignedInAsync();
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _dashboard.DisposeAsync();
    }

    private async Task SendAsync(string path, IMessage message)
    {
        var content = new ByteArrayContent(message.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var response = await _dashboard.Otlp.PostAsync(path, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static ExportMetricsServiceRequest Histogram(ulong seconds, params ulong[] counts) => new()
    {
        ResourceMetrics =
        {
            new ResourceMetrics
            {
                Resource = Otlp.Service("applications"),
                ScopeMetrics =
                {
                    new ScopeMetrics
                    {
                        Scope = new InstrumentationScope { Name = "Microsoft.AspNetCore.Hosting" },
                        Metrics =
                        {
                            new Metric
                            {
                                Name = "http.server.request.duration",
                                Unit = "s",
                                Histogram = new Histogram
                                {
                                    AggregationTemporality = AggregationTemporality.Cumulative,
                                    DataPoints = { new HistogramDataPoint { TimeUnixNano = seconds * 1_000_000_000, ExplicitBounds = { 0.1, 0.2, 0.4 }, BucketCounts = { counts }, Count = counts.Aggregate(0UL, (a, c) => a + c) } },
                                },
                            },
                        },
                    },
                },
            },
        },
    };

    [Fact]
    public async Task A_histogram_is_charted_as_percentiles_of_what_each_export_added()
    {
        await SendAsync("/v1/metrics", Histogram(1_700_000_000, 10, 0, 0, 0));
        await SendAsync("/v1/metrics", Histogram(1_700_000_001, 10, 0, 10, 0)); // ten more, all between 0.2 and 0.4 s

        var page = await _browser.GetStringAsync("/metrics?resource=applications&instrument=http.server.request.duration");

        Assert.Contains("<svg class=\"chart\" role=\"img\" aria-label=\"p50, p95, p99\"", page, StringComparison.Ordinal);
        Assert.Contains("p50 0.3 s", page, StringComparison.Ordinal); // the middle of (0.2, 0.4], not diluted by the first ten
        Assert.Contains("p99 0.398 s", page, StringComparison.Ordinal);
        Assert.Contains(">Histogram<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Structured_logs_filter_by_level_and_text()
    {
        var request = Otlp.Logs("applications", "Call published", "Import refused");
        request.ResourceLogs[0].ScopeLogs[0].LogRecords[1].SeverityNumber = Upstream.Otlp.Logs.V1.SeverityNumber.Warn;
        await SendAsync("/v1/logs", request);

        var warnings = await _browser.GetStringAsync("/logs?level=Warning");
        var byText = await _browser.GetStringAsync("/logs?text=published");

        Assert.Contains("Import refused", warnings, StringComparison.Ordinal);
        Assert.DoesNotContain("Call published", warnings, StringComparison.Ordinal);
        Assert.Contains("Call published", byText, StringComparison.Ordinal);
        Assert.DoesNotContain("Import refused", byText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trace_that_is_not_kept_says_so_with_404()
    {
        using var response = await _browser.GetAsync("/traces/0102030405060708090a0b0c0d0e0f10");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No spans of trace", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clearing_a_resource_from_the_page_empties_its_lists()
    {
        await SendAsync("/v1/traces", Otlp.Traces("applications", Otlp.Span("GET /calls", 3, 1)));
        Assert.Contains("GET /calls", await _browser.GetStringAsync("/traces?resource=applications"), StringComparison.Ordinal);

        using var cleared = await _browser.PostAsync("/telemetry/clear?resource=applications", null);

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode); // followed the redirect back
        Assert.DoesNotContain("GET /calls", await _browser.GetStringAsync("/traces?resource=applications"), StringComparison.Ordinal);
    }
}
