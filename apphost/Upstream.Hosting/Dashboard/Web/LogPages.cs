using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Upstream.Hosting.Dashboard.Telemetry;
using static Upstream.Hosting.Dashboard.Web.Html;

namespace Upstream.Hosting.Dashboard.Web;

/// <summary>Structured logs, newest first, filtered by resource, minimum level, text and trace (or span) id; each links to its trace.</summary>
internal static class LogPages
{
    private const int Shown = 500;
    private static readonly string[] Levels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];

    public static void MapLogPages(this IEndpointRouteBuilder routes, TelemetryStore store)
    {
        routes.MapGet("/logs", (HttpRequest request) =>
        {
            var (resource, level, text, traceId, spanId) = (request.Arg("resource"), request.Arg("level"), request.Arg("text"), request.Arg("traceId")?.ToLowerInvariant(), request.Arg("spanId")?.ToLowerInvariant());
            var minimum = level is null ? 0 : Array.IndexOf(Levels, level);
            var all = store.Logs.Snapshot();
            var matching = all
                .Where(l => resource is null || l.ResourceName == resource)
                .Where(l => minimum <= 0 || Array.IndexOf(Levels, l.Level) >= minimum)
                .Where(l => traceId is null || l.TraceId == traceId)
                .Where(l => spanId is null || l.SpanId == spanId)
                .Where(l => text is null || l.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
                    || l.Log.Attributes.Any(a => OtlpValues.Text(a.Value).Contains(text, StringComparison.OrdinalIgnoreCase)))
                .Reverse().Take(Shown).ToList();
            var filters = $"""
                <form class="filters" method="get" action="/logs">{Select("resource", resource, all.Select(l => l.ResourceName).Distinct().Order())}
                {Select("level", level, Levels, "(any level)")}{Input("text", text, "text")}{Input("traceId", traceId, "trace id")}
                {(spanId is null ? "" : $"<input type=\"hidden\" name=\"spanId\" value=\"{E(spanId)}\">")}<button>Filter</button></form>
                """;
            var rows = string.Concat(matching.Select(Row));
            return Page("Structured logs", "/logs", $"""
                {filters}{TelemetryControls.For(resource, store.IsPaused(resource ?? TelemetryStore.AllResources))}
                <div id="logs" data-live><p class="muted">{matching.Count} shown{(matching.Count == Shown ? $" (the newest {Shown})" : "")} of {all.Count} kept.</p>
                <table><thead><tr><th>Time</th><th>Resource</th><th>Level</th><th>Message</th><th>Trace</th></tr></thead><tbody>{rows}</tbody></table></div>
                """);
        });
    }

    private static string Row(LogRecordEntry log)
    {
        var attributes = string.Concat(log.Log.Attributes.Select(a => $"<dt>{E(a.Key)}</dt><dd>{E(OtlpValues.Text(a.Value))}</dd>"));
        var trace = log.TraceId.Length == 0 ? "" : $"<a class=\"trace-link\" href=\"/traces/{log.TraceId}{(log.SpanId.Length == 0 ? "" : "#span-" + log.SpanId)}\">{log.TraceId[..8]}</a>";
        return $"""
            <tr class="log"><td>{Time(log.Time)}</td><td>{E(log.ResourceName)}</td><td class="{E(log.Level)}">{E(log.Level)}</td>
            <td><details><summary>{E(log.Message)}</summary><dl><dt>category</dt><dd>{E(log.Scope.Name)}</dd>{attributes}</dl></details></td><td>{trace}</td></tr>
            """;
    }
}
