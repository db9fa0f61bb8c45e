using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Upstream.Hosting.Dashboard.Telemetry;
using Upstream.Otlp.Metrics.V1;
using static Upstream.Hosting.Dashboard.Web.Html;

namespace Upstream.Hosting.Dashboard.Web;

/// <summary>Metrics: a resource's instruments, and one instrument charted over time (histograms as p50/p95/p99).</summary>
internal static class MetricPages
{
    public static void MapMetricPages(this IEndpointRouteBuilder routes, TelemetryStore store)
    {
        routes.MapGet("/metrics", (HttpRequest request) =>
        {
            var (resource, instrument) = (request.Arg("resource"), request.Arg("instrument"));
            var all = store.Metrics.Snapshot();
            var resources = all.Select(p => p.ResourceName).Distinct().Order().ToList();
            resource ??= resources.FirstOrDefault();
            var picker = string.Concat(resources.Select(r => r == resource ? $"<strong>{E(r)}</strong> " : $"<a href=\"/metrics?resource={Q(r)}\">{E(r)}</a> "));
            var mine = all.Where(p => p.ResourceName == resource).ToList();
            var instruments = mine.GroupBy(p => p.Metric.Name).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            var list = string.Concat(instruments.Select(g =>
            {
                var latest = g.Last().Metric;
                return $"<tr class=\"instrument\"><td><a href=\"/metrics?resource={Q(resource)}&amp;instrument={Q(g.Key)}\">{E(g.Key)}</a></td><td>{E(latest.Unit)}</td><td>{Kind(latest)}</td><td>{E(g.Last().Scope.Name)}</td><td>{E(latest.Description)}</td></tr>";
            }));
            var chart = instrument is null ? "" : Chart(instrument, mine.Where(p => p.Metric.Name == instrument).ToList());
            return Page("Metrics", "/metrics", $"""
                <p>{(resources.Count == 0 ? "No metrics received yet." : picker)}</p>{TelemetryControls.For(resource, store.IsPaused(resource ?? TelemetryStore.AllResources))}
                <div id="chart" data-live>{chart}</div>
                <table id="instruments"><thead><tr><th>Instrument</th><th>Unit</th><th>Kind</th><th>Meter</th><th>Description</th></tr></thead><tbody>{list}</tbody></table>
                """);
        });
    }

    private static string Chart(string instrument, IReadOnlyList<MetricPointRecord> points)
    {
        if (points.Count == 0)
        {
            return $"<p>No points of {E(instrument)} are kept.</p>";
        }

        var metric = points[^1].Metric;
        var series = MetricSeries.Of(points);
        IReadOnlyList<string> names = metric.DataCase == Metric.DataOneofCase.Histogram ? ["p50", "p95", "p99"] : [instrument];
        var note = metric.DataCase switch
        {
            Metric.DataOneofCase.Histogram => "Percentiles of the values recorded between exports, across all attribute sets.",
            Metric.DataOneofCase.Sum => metric.Sum.AggregationTemporality == AggregationTemporality.Cumulative ? "Running total, summed across attribute sets." : "Per export, summed across attribute sets.",
            Metric.DataOneofCase.Gauge => "Averaged across attribute sets.",
            _ => "This kind of instrument is listed but not charted.",
        };
        return $"<h2>{E(instrument)}</h2><p class=\"muted\">{E(metric.Description)} {note}</p>{SvgChart.Render(series, names, metric.Unit)}";
    }

    private static string Kind(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Sum => metric.Sum.IsMonotonic ? "Counter" : "UpDownCounter",
        Metric.DataOneofCase.Gauge => "Gauge",
        Metric.DataOneofCase.Histogram => "Histogram",
        Metric.DataOneofCase.ExponentialHistogram => "Exponential histogram",
        Metric.DataOneofCase.Summary => "Summary",
        _ => "",
    };
}
