using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Upstream.Hosting.Dashboard.Telemetry;
using Upstream.Hosting.Model;
using static Upstream.Hosting.Dashboard.Web.Html;

namespace Upstream.Hosting.Dashboard.Web;

/// <summary>Resources: states and health live, a resource's details (environment masked), start, stop and restart, and its console output.</summary>
internal static class ResourcePages
{
    private static readonly string[] Actions = ["start", "stop", "restart"];

    public static void MapResourcePages(this IEndpointRouteBuilder routes, DistributedApplication app, TelemetryStore store)
    {
        routes.MapGet("/", () => Results.Redirect("/resources"));
        routes.MapGet("/resources", () => Page("Resources", "/resources", $"""
            <table id="resources" data-live><thead><tr><th>Resource</th><th>Type</th><th>State</th><th>Health</th><th>Process</th>
            <th>Endpoints</th><th>Started</th><th>Exit code</th><th>Telemetry</th><th>Actions</th></tr></thead><tbody>
            {string.Concat(app.Resources.Select(r => Row(r, store)))}</tbody></table>
            """));
        routes.MapGet("/resources/{name}", (string name) => app.Resources.FirstOrDefault(r => r.Name == name) is { } resource
            ? Page(resource.Name, "/resources", Details(resource, store))
            : Page("Not found", "/resources", $"<p>There is no resource named {E(name)}.</p>", StatusCodes.Status404NotFound));
        routes.MapPost("/resources/{name}/{action}", async (string name, string action) =>
        {
            if (!Actions.Contains(action) || app.Resources.All(r => r.Name != name))
            {
                return Results.NotFound();
            }

            // The action runs on its own: a restart can take longer than a browser waits, and the page shows its progress.
            _ = action switch
            {
                "start" => app.StartResourceAsync(name),
                "stop" => app.StopResourceAsync(name),
                _ => app.RestartResourceAsync(name),
            };
            await Task.Delay(100); // long enough for the state to move before the page is drawn again
            return Results.Redirect("/resources");
        });
        routes.MapPost("/telemetry/{action}", (string action, HttpRequest request) =>
        {
            var resource = request.Query["resource"].ToString() is { Length: > 0 } r ? r : TelemetryStore.AllResources;
            switch (action)
            {
                case "pause": store.Pause(resource, true); break;
                case "resume": store.Pause(resource, false); break;
                case "clear": store.Clear(resource); break;
                default: return Results.NotFound();
            }

            var back = request.Headers.Referer.ToString();
            return Results.Redirect(Uri.TryCreate(back, UriKind.Absolute, out var uri) ? uri.PathAndQuery : "/resources");
        });
        routes.MapGet("/console", () => Results.Redirect("/console/" + Q(app.Resources.FirstOrDefault()?.Name ?? "")));
        routes.MapGet("/console/{name}", (string name) =>
        {
            var resource = app.Resources.FirstOrDefault(r => r.Name == name);
            var picker = string.Concat(app.Resources.Select(r => r.Name == name ? $"<strong>{E(r.Name)}</strong> " : $"<a href=\"/console/{Q(r.Name)}\">{E(r.Name)}</a> "));
            var lines = resource is null ? "" : E(string.Join('\n', DistributedApplication.RecentOutputOf(resource)));
            return Page($"Console logs: {name}", "/console", $"<p>{picker}</p><pre id=\"console\" data-live>{lines}</pre>");
        });
    }

    private static string Row(Resource resource, TelemetryStore store)
    {
        var s = resource.Snapshot;
        var endpoints = string.Join(" ", s.Endpoints.Select(e => e.Scheme is "http" or "https"
            ? $"<a href=\"{E(e.ToString())}\" target=\"_blank\" rel=\"noopener\">{E(e.ToString().TrimEnd('/'))}</a>"
            : E(e.ToString().TrimEnd('/'))));
        var buttons = string.Concat(Actions.Select(a =>
            $"<form class=\"inline\" method=\"post\" action=\"/resources/{Q(s.Name)}/{a}\"><button name=\"do\" value=\"{a}\" aria-label=\"{a} {E(s.Name)}\">{char.ToUpperInvariant(a[0])}{a[1..]}</button></form>"));
        var paused = store.IsPaused(s.Name);
        var telemetry = $"<form class=\"inline\" method=\"post\" action=\"/telemetry/{(paused ? "resume" : "pause")}?resource={Q(s.Name)}\"><button>{(paused ? "Resume" : "Pause")}</button></form>"
            + $"<form class=\"inline\" method=\"post\" action=\"/telemetry/clear?resource={Q(s.Name)}\"><button>Clear</button></form>";
        return $"""
            <tr data-resource="{E(s.Name)}"><td><a href="/resources/{Q(s.Name)}">{E(s.Name)}</a> · <a href="/console/{Q(s.Name)}">console</a></td><td>{E(s.Type)}</td>
            <td class="state {s.State}">{s.State}{(s.Reason is null ? "" : $"<br><span class=\"muted\">{E(s.Reason)}</span>")}</td><td class="health {s.Health}">{s.Health}</td>
            <td class="pid">{s.ProcessId?.ToString(CultureInfo.InvariantCulture)}</td><td>{endpoints}</td><td>{(s.StartedAt is { } at ? Time(at) : "")}</td>
            <td>{s.ExitCode?.ToString(CultureInfo.InvariantCulture)}</td><td>{telemetry}</td><td>{buttons}</td></tr>
            """;
    }

    private static string Details(Resource resource, TelemetryStore store)
    {
        var s = resource.Snapshot;
        var environment = resource.Environment.Count == 0
            ? "<p class=\"muted\">This resource is not a process the app host configures by environment.</p>"
            : "<table id=\"environment\"><thead><tr><th>Variable</th><th>Value</th></tr></thead><tbody>"
              + string.Concat(resource.Environment.Select(kv => $"<tr><td><code>{E(kv.Key)}</code></td><td><code>{E(SecretMask.Apply(kv.Key, kv.Value))}</code></td></tr>"))
              + "</tbody></table>";
        return $"""
            <dl id="details" data-live><dt>Type</dt><dd>{E(s.Type)}</dd><dt>State</dt><dd class="{s.State}">{s.State}</dd><dt>Health</dt><dd>{s.Health}</dd>
            <dt>Process id</dt><dd>{s.ProcessId?.ToString(CultureInfo.InvariantCulture)}</dd><dt>Started</dt><dd>{(s.StartedAt is { } at ? Time(at) : "")}</dd>
            <dt>Exit code</dt><dd>{s.ExitCode?.ToString(CultureInfo.InvariantCulture)}</dd><dt>Reason</dt><dd>{E(s.Reason)}</dd>
            <dt>Waits for</dt><dd>{E(string.Join(", ", resource.WaitsFor.Select(w => w.Name)))}</dd><dt>Telemetry</dt><dd>{(store.IsPaused(s.Name) ? "paused" : "collecting")}</dd></dl>
            <p><a href="/console/{Q(s.Name)}">Console logs</a> · <a href="/logs?resource={Q(s.Name)}">Structured logs</a> · <a href="/traces?resource={Q(s.Name)}">Traces</a> · <a href="/metrics?resource={Q(s.Name)}">Metrics</a></p>
            <h2>Environment</h2>{environment}
            """;
    }
}
