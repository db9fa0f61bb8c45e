using System.Globalization;
using System.Xml.Linq;
using Upstream.Domain.Registry;

namespace Upstream.Insights.Domain;

/// <summary>
/// The members on a map of the UK, drawn as SVG from the registry's coordinates alone (no tiles, nothing fetched):
/// every current authority is a faint dot, so the UK's shape emerges from them, and each member a labelled marker.
/// </summary>
public static class ProgrammeMap
{
    // The UK's extent, with a margin; longitude is scaled by cos(54.5°) so the country is not stretched sideways.
    private const double West = -8.8, East = 2.0, South = 49.8, North = 60.95, Height = 1000;
    private static readonly double Aspect = Math.Cos(54.5 * Math.PI / 180);
    private static readonly double Width = Math.Round(Height * (East - West) * Aspect / (North - South));
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static string Draw(IEnumerable<MemberCouncil> members, LocalAuthorityRegistry registry, DateOnly today)
    {
        var map = new XElement(
            Svg + "svg",
            new XAttribute("viewBox", $"0 0 {Number(Width)} {Number(Height)}"),
            new XAttribute("role", "img"),
            new XElement(Svg + "title", "Upstream Collaborative members on a map of the UK"));
        foreach (var authority in registry.All.Where(a => a.ExistedOn(today) && a.Latitude is not null && a.Longitude is not null))
        {
            var (x, y) = Project(authority.Latitude!.Value, authority.Longitude!.Value);
            map.Add(new XElement(Svg + "circle", new XAttribute("cx", Number(x)), new XAttribute("cy", Number(y)), new XAttribute("r", "4"), new XAttribute("fill", "#d0d7de")));
        }

        foreach (var member in members.OrderBy(m => m.CouncilCode, StringComparer.Ordinal))
        {
            if (registry.Find(member.CouncilCode) is { Latitude: { } lat, Longitude: { } lon })
            {
                var (x, y) = Project(lat, lon);
                map.Add(new XElement(
                    Svg + "circle",
                    new XAttribute("class", "member"),
                    new XAttribute("data-council", member.CouncilCode),
                    new XAttribute("cx", Number(x)),
                    new XAttribute("cy", Number(y)),
                    new XAttribute("r", "9"),
                    new XAttribute("fill", "#0b6e4f"),
                    new XElement(Svg + "title", $"{member.CouncilName} ({member.Region})")));
            }
        }

        return map.ToString(SaveOptions.DisableFormatting);
    }

    public static (double X, double Y) Project(double latitude, double longitude) =>
        ((longitude - West) / (East - West) * Width, (North - latitude) / (North - South) * Height);

    private static string Number(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
}
