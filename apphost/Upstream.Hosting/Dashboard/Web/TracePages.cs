using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Upstream.Hosting.Dashboard.Telemetry;
using static Upstream.Hosting.Dashboard.Web.Html;

namespace Upstream.Hosting.Dashboard.Web;

/// <summary>Traces: a filtered list, and a trace's waterfall across services with each span's attributes, events and logs.</summary>
internal static class TracePages
{
    private const int Shown = 200;
    private static readonly string[] Statuses = ["Error", "Ok", "Unset"];
    private static readonly string[] Colours = ["#4f6bed", "#e3008c", "#038387", "#ca5010", "#8764b8", "#498205", "#c239b3", "#0078d4"];

    public static void MapTracePages(this IEndpointRouteBuilder routes, TelemetryStore store)
    {
        routes.MapGet("/traces", (HttpRequest request) =>
        {
            var (resource, name, status) = (request.Arg("resource"), request.Arg("name"), request.Arg("status"));
            var minMs = double.TryParse(request.Arg("minMs"), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) ? ms : 0;
            var spans = store.Spans.Snapshot();
            var traces = TraceView.All(spans)
                .Where(t => resource is null || t.Resources.Contains(resource))
                .Where(t => name is null || t.Spans.Any(s => s.Span.Name.Contains(name, StringComparison.OrdinalIgnoreCase)
                    || s.Span.Attributes.Any(a => OtlpValues.Text(a.Value).Contains(name, StringComparison.OrdinalIgnoreCase))))
                .Where(t => status is null || t.Status == status)
                .Where(t => t.Duration.TotalMilliseconds >= minMs)
                .OrderByDescending(t => t.Start).Take(Shown).ToList();
            var filters = $"""
                <form class="filters" method="get" action="/traces">{Select("resource", resource, spans.Select(s => s.ResourceName).Distinct().Order())}
                {Input("name", name, "span name or attribute value")}{Select("status", status, Statuses, "(any status)")}{Input("minMs", minMs > 0 ? Number(minMs) : null, "min duration ms")}<button>Filter</button></form>
                """;
            var rows = string.Concat(traces.Select(t => $"""
                <tr class="trace"><td>{Time(t.Start)}</td><td><a href="/traces/{t.TraceId}">{E(t.Root.ResourceName)}: {E(t.Root.Span.Name)}</a></td>
                <td>{E(string.Join(", ", t.Resources))}</td><td>{t.Spans.Count}</td><td>{Duration(t.Duration)}</td><td class="{t.Status}">{t.Status}</td><td><code>{t.TraceId}</code></td></tr>
                """));
            return Page("Traces", "/traces", $"""
                {filters}{TelemetryControls.For(resource, store.IsPaused(resource ?? TelemetryStore.AllResources))}
                <table id="traces" data-live><thead><tr><th>Start</th><th>Trace</th><th>Resources</th><th>Spans</th><th>Duration</th><th>Status</th><th>Trace id</th></tr></thead>
                <tbody>{rows}</tbody></table>
                """);
        });

        routes.MapGet("/traces/{traceId}", (string traceId) =>
        {
            var spans = store.Spans.Snapshot();
            var trace = TraceView.Find(spans, traceId.ToLowerInvariant());
            if (trace is null)
            {
                return Page("Trace not found", "/traces", $"<p>No spans of trace <code>{E(traceId)}</code> are kept (cleared, dropped as oldest, or not exported yet).</p>", StatusCodes.Status404NotFound);
            }

            var colours = trace.Resources.Select((r, i) => (r, Colours[i % Colours.Length])).ToDictionary();
            var total = Math.Max(trace.Duration.Ticks, 1);
            var rows = string.Concat(trace.Waterfall().Select(w => SpanRow(w.Span, w.Depth, trace, total, colours[w.Span.ResourceName])));
            var legend = string.Join(" ", colours.Select(c => $"<span style=\"color:{c.Value}\">■</span> {E(c.Key)}"));
            return Page($"Trace {trace.Root.ResourceName}: {trace.Root.Span.Name}", "/traces", $"""
                <p>{Time(trace.Start)} · {Duration(trace.Duration)} · {trace.Spans.Count} spans · <span class="{trace.Status}">{trace.Status}</span> · {legend}
                · <a href="/logs?traceId={trace.TraceId}">Logs of this trace</a></p>
                <table id="waterfall" data-live><thead><tr><th>Span</th><th>Resource</th><th>Timeline</th><th>Duration</th></tr></thead><tbody>{rows}</tbody></table>
                """);
        });
    }

    private static string SpanRow(SpanRecord span, int depth, TraceView trace, long total, string colour)
    {
        var left = 100.0 * (span.Start - trace.Start).Ticks / total;
        var width = Math.Max(100.0 * span.Duration.Ticks / total, 0.3);
        var status = span.Span.Status?.Code.ToString() ?? "Unset";
        var attributes = string.Concat(span.Span.Attributes.Select(a => $"<dt>{E(a.Key)}</dt><dd>{E(OtlpValues.Text(a.Value))}</dd>"));
        var events = string.Concat(span.Span.Events.Select(e =>
            $"<li>{Time(OtlpValues.Instant(e.TimeUnixNano))} <strong>{E(e.Name)}</strong> {E(string.Join(", ", e.Attributes.Select(a => $"{a.Key}={OtlpValues.Text(a.Value)}")))}</li>"));
        return $"""
            <tr class="span" id="span-{span.SpanId}" data-span-id="{span.SpanId}"><td style="padding-left:{depth * 1.2 + 0.5}em">
            <details><summary>{E(span.Span.Name)}</summary>
            <dl><dt>span id</dt><dd><code>{span.SpanId}</code></dd><dt>parent</dt><dd><code>{span.ParentSpanId}</code></dd><dt>kind</dt><dd>{span.Span.Kind.ToString().Replace("SpanKind", "", StringComparison.Ordinal)}</dd>
            <dt>status</dt><dd>{E(status)} {E(span.Span.Status?.Message)}</dd><dt>scope</dt><dd>{E(span.Scope.Name)}</dd><dt>start</dt><dd>{Time(span.Start)}</dd>{attributes}</dl>
            {(events.Length == 0 ? "" : $"<p>Events</p><ul>{events}</ul>")}
            <p><a class="span-logs" href="/logs?traceId={span.TraceId}&amp;spanId={span.SpanId}">Logs of this span</a></p></details></td>
            <td>{E(span.ResourceName)}</td><td><div class="bar"><span style="left:{Number(left)}%;width:{Number(width)}%;background:{colour}"></span></div></td><td>{Duration(span.Duration)}</td></tr>
            """;
    }
}
