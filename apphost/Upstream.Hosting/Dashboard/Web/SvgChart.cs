using System.Globalization;
using System.Text;
using Upstream.Hosting.Dashboard.Telemetry;
using static Upstream.Hosting.Dashboard.Web.Html;

namespace Upstream.Hosting.Dashboard.Web;

/// <summary>A line chart as inline SVG: one line per series, the value range on the left, the time range below.</summary>
internal static class SvgChart
{
    private const int Width = 860;
    private const int Height = 260;
    private const int Left = 70;
    private const int Bottom = 24;
    private static readonly string[] Colours = ["#4f6bed", "#ca5010", "#c50f1f"];

    public static string Render(IReadOnlyList<MetricSeries.Point> points, IReadOnlyList<string> names, string unit)
    {
        if (points.Count == 0)
        {
            return "<p class=\"muted\">No points yet.</p>";
        }

        var start = points[0].Time;
        var span = Math.Max((points[^1].Time - start).TotalSeconds, 1);
        var max = points.SelectMany(p => p.Values).DefaultIfEmpty(0).Max();
        var min = Math.Min(0, points.SelectMany(p => p.Values).DefaultIfEmpty(0).Min());
        var range = max - min == 0 ? 1 : max - min;
        string X(DateTimeOffset t) => (Left + ((Width - Left - 10) * (t - start).TotalSeconds / span)).ToString("0.#", CultureInfo.InvariantCulture);
        string Y(double v) => (10 + ((Height - Bottom - 10) * (1 - ((v - min) / range)))).ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder($"<svg class=\"chart\" role=\"img\" aria-label=\"{E(string.Join(", ", names))}\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" style=\"background:#fff\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - 10}\" y2=\"{Height - Bottom}\" stroke=\"#999\"/><line x1=\"{Left}\" y1=\"10\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#999\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"16\" text-anchor=\"end\" font-size=\"11\">{E(Number(max))} {E(unit)}</text><text x=\"{Left - 4}\" y=\"{Height - Bottom}\" text-anchor=\"end\" font-size=\"11\">{E(Number(min))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 6}\" font-size=\"11\">{Time(start)}</text><text x=\"{Width - 10}\" y=\"{Height - 6}\" text-anchor=\"end\" font-size=\"11\">{Time(points[^1].Time)}</text>");
        for (var series = 0; series < names.Count; series++)
        {
            var line = string.Join(' ', points.Where(p => p.Values.Length > series).Select(p => $"{X(p.Time)},{Y(p.Values[series])}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{Colours[series % Colours.Length]}\" stroke-width=\"2\" points=\"{line}\"><title>{E(names[series])}</title></polyline>");
        }

        svg.Append("</svg>");
        var legend = string.Join(" ", names.Select((n, i) => $"<span style=\"color:{Colours[i % Colours.Length]}\">■</span> {E(n)} {E(Number(points[^1].Values.ElementAtOrDefault(i)))} {E(unit)}"));
        return $"{svg}<p>Latest: {legend}</p>";
    }
}
