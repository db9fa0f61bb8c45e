using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Insights.Feeds;

/// <summary>
/// A private feed for partners (and staff): the grants awarded, newest first, as a JSON Feed 1.1, from the awards
/// Grants announced. The full open data (360Giving) stays with Grants; each item says where its award came from.
/// </summary>
public static class GrantsFeed
{
    public const string Path = "/feeds/grants.json";

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static void MapGrantsFeed(this WebApplication app) =>
        app.MapGet(Path, async (HttpContext http, InsightsDb db) =>
        {
            var caller = Caller.From(http.User);
            if (!(caller.IsStaff || caller.Is(Roles.Partner)))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Only programme staff and partners can read the grants feed.");
            }

            var awards = await db.Evidence.AsNoTracking().Where(e => e.Source == EvidenceSource.GrantAward).OrderByDescending(e => e.OccurredAt).Take(100).ToListAsync(http.RequestAborted);
            var origin = new Uri($"{http.Request.Scheme}://{http.Request.Host}");
            var feed = new
            {
                Version = "https://jsonfeed.org/version/1.1",
                Title = "Upstream Collaborative: grants awarded",
                FeedUrl = new Uri(origin, Path).ToString(),
                Items = awards.Select(a => new
                {
                    Id = a.SourceId.ToString(),
                    Title = a.Text,
                    ContentText = $"{Pounds(a.AmountPence)} awarded to {string.Join(", ", a.CouncilCodes)}.",
                    DatePublished = a.OccurredAt,
                    Tags = a.CouncilCodes,
                }),
            };
            return Results.Text(JsonSerializer.Serialize(feed, Options), "application/feed+json; charset=utf-8");
        })
        .RequireAuthorization()
        .WithName("GetGrantsFeed").WithTags("Feeds")
        .WithSummary("The grants awarded, newest first, as a JSON Feed 1.1: for partners and staff.")
        .Produces<string>(StatusCodes.Status200OK, "application/feed+json")
        .ProducesProblem(StatusCodes.Status403Forbidden);

    private static string Pounds(long pence) => (pence / 100m).ToString("C", CultureInfo.GetCultureInfo("en-GB"));
}
