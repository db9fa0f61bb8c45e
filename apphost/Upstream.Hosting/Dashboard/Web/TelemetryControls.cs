using static Upstream.Hosting.Dashboard.Web.Html;

namespace Upstream.Hosting.Dashboard.Web;

/// <summary>Pause and clear, as shown above each telemetry list, for the chosen resource (or all of them).</summary>
internal static class TelemetryControls
{
    public static string For(string? resource, bool paused)
    {
        var query = string.IsNullOrEmpty(resource) ? "" : "?resource=" + Q(resource);
        var who = string.IsNullOrEmpty(resource) ? "all resources" : resource;
        return $"""
            <p class="muted">{(paused ? "Collection is paused" : "Collecting")} for {E(who)}.
            <form class="inline" method="post" action="/telemetry/{(paused ? "resume" : "pause")}{query}"><button>{(paused ? "Resume" : "Pause")}</button></form>
            <form class="inline" method="post" action="/telemetry/clear{query}"><button>Clear {E(who)}</button></form></p>
            """;
    }
}
