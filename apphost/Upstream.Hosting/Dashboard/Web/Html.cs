using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace Upstream.Hosting.Dashboard.Web;

/// <summary>
/// The dashboard's one layout: server-rendered pages, one stylesheet and one small script, nothing fetched from
/// elsewhere. Elements marked data-live are refreshed in place every second or so, which is how console logs,
/// resource states and lists stay live without a client framework.
/// </summary>
internal static class Html
{
    private const string Style = """
        body{font:14px system-ui,sans-serif;margin:0;color:#1b1b1f;background:#f6f7f9}
        header{background:#20232a;color:#fff;padding:.6em 1em;display:flex;gap:1.2em;align-items:center}
        header a{color:#cfd8ff;text-decoration:none}header a.on{color:#fff;font-weight:600;border-bottom:2px solid #8fb0ff}
        main{padding:1em}table{border-collapse:collapse;width:100%;background:#fff}
        th,td{text-align:left;padding:.35em .5em;border-bottom:1px solid #e3e5ea;vertical-align:top}
        th{background:#eef0f4;font-weight:600}form.inline{display:inline}
        .Running,.Healthy,.ok{color:#107c10;font-weight:600}.Exited,.FailedToStart,.Unhealthy,.error,.Error,.Critical{color:#c50f1f;font-weight:600}
        .Warning{color:#a05a00;font-weight:600}pre{background:#111;color:#ddd;padding:.8em;max-height:70vh;overflow:auto;white-space:pre-wrap}
        .bar{position:relative;height:14px;background:#eef0f4;min-width:300px}.bar span{position:absolute;top:0;height:14px;border-radius:2px}
        .muted{color:#666}.filters input,.filters select{margin-right:.5em}code{font-size:12px}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:.4em 0}dt{font-weight:600}dd{margin:0;word-break:break-all}
        """;

    private const string Script = """
        const served = new WeakMap(); // what the server last sent, so an opened <details> is not redrawn closed
        for (const element of document.querySelectorAll('[data-live]')) served.set(element, element.innerHTML);
        setInterval(async () => {
          const live = [...document.querySelectorAll('[data-live]')];
          if (live.length === 0 || document.hidden) return;
          const response = await fetch(location.href, { credentials: 'same-origin' });
          if (!response.ok) return;
          const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
          for (const element of live) {
            const next = fresh.getElementById(element.id);
            if (!next || next.innerHTML === served.get(element)) continue;
            served.set(element, next.innerHTML);
            const following = element.scrollTop + element.clientHeight >= element.scrollHeight - 4;
            element.innerHTML = next.innerHTML;
            if (following) element.scrollTop = element.scrollHeight;
          }
        }, 1200);
        for (const pre of document.querySelectorAll('pre[data-live]')) pre.scrollTop = pre.scrollHeight;
        """;

    private static readonly (string Path, string Title)[] Sections =
        [("/resources", "Resources"), ("/console", "Console logs"), ("/logs", "Structured logs"), ("/traces", "Traces"), ("/metrics", "Metrics")];

    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string Q(string? text) => Uri.EscapeDataString(text ?? "");

    public static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + "Z";

    public static string Duration(TimeSpan duration) => duration.TotalMilliseconds < 1000
        ? duration.TotalMilliseconds.ToString("0.##", CultureInfo.InvariantCulture) + " ms"
        : duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static IResult Page(string title, string section, string body, int status = StatusCodes.Status200OK)
    {
        var nav = string.Concat(Sections.Select(s => $"<a href=\"{s.Path}\"{(s.Path == section ? " class=\"on\"" : "")}>{s.Title}</a>"));
        var html = $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{E(title)} · Upstream</title>
            <meta name="viewport" content="width=device-width,initial-scale=1"><style>{Style}</style></head>
            <body><header><strong>Upstream</strong>{(section == "" ? "" : nav)}</header><main><h1>{E(title)}</h1>{body}</main>
            <script>{Script}</script></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>A select of the given options, the current one chosen; the empty value reads "all".</summary>
    public static string Select(string name, string? current, IEnumerable<string> options, string all = "(all)") =>
        $"<select name=\"{name}\" aria-label=\"{name}\"><option value=\"\">{E(all)}</option>"
        + string.Concat(options.Select(o => $"<option{(o == current ? " selected" : "")}>{E(o)}</option>"))
        + "</select>";

    public static string Input(string name, string? value, string placeholder) =>
        $"<input name=\"{name}\" aria-label=\"{name}\" value=\"{E(value)}\" placeholder=\"{E(placeholder)}\">";
}
