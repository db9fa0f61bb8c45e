using Microsoft.Net.Http.Headers;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;
using Upstream.Insights.WebSub;

namespace Upstream.Insights.Feeds;

/// <summary>
/// The public feeds on the http endpoint (plain HTTP, not JSON transcoding: feed readers want the formats as they are).
/// Conditional GETs are answered 304 from the ETag (or, failing that, Last-Modified), computed from the feed's version
/// without reading a page, so pollers cost one small query.
/// </summary>
public static class FeedEndpoints
{
    public const string AtomPath = "/feeds/insights.atom";
    public const string JsonPath = "/feeds/insights.json";

    public static void MapFeeds(this WebApplication app)
    {
        app.MapGet(AtomPath, (HttpContext http, InsightsDb db, int? page) => ServeAsync(http, db, page, "application/atom+xml; charset=utf-8", AtomFeed.Write))
            .Describe("GetInsightsAtomFeed", "The published insight pieces as an Atom feed, newest first, twenty a page.", "application/atom+xml");
        app.MapGet(JsonPath, (HttpContext http, InsightsDb db, int? page) => ServeAsync(http, db, page, "application/feed+json; charset=utf-8", JsonFeed.Write))
            .Describe("GetInsightsJsonFeed", "The published insight pieces as a JSON Feed 1.1, newest first, twenty a page.", "application/feed+json");
    }

    /// <summary>How a public feed appears in the API document: anyone may read it, and a reader that has it gets 304.</summary>
    private static void Describe(this RouteHandlerBuilder feed, string name, string summary, string mediaType) => feed
        .WithName(name).WithTags("Feeds").WithSummary(summary)
        .WithDescription("Conditional GETs (If-None-Match, If-Modified-Since) are answered 304; the Link header names the WebSub hub.")
        .Produces<string>(StatusCodes.Status200OK, mediaType)
        .Produces(StatusCodes.Status304NotModified)
        .ProducesValidationProblem()
        .AllowAnonymous();

    public static string PageUrl(string path, int page) => page == 1 ? path : $"{path}?page={page}";

    /// <summary>A retraction stays in the feed, saying so, so readers who saw the piece learn it was withdrawn.</summary>
    public static string Title(Publication p) => p.State == PublicationState.Retracted ? $"Retracted: {p.Title}" : p.Title;

    public static string Summary(Publication p) => p.State == PublicationState.Retracted ? $"Retracted: {p.RetractionReason}. {p.Summary}" : p.Summary;

    private static async Task<IResult> ServeAsync(HttpContext http, InsightsDb db, int? page, string contentType, Func<FeedPage, Uri, string> write)
    {
        if (page is < 1)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["page"] = ["Pages are numbered from 1."] });
        }

        // A reader who has the page is answered from the feed's version alone; only a miss reads the page.
        var version = await FeedVersion.ReadAsync(db, http.RequestAborted);
        var etag = version.ETag(page ?? 1);
        var origin = new Uri($"{http.Request.Scheme}://{http.Request.Host}");

        // WebSub discovery: where to subscribe for pushes instead of polling.
        http.Response.Headers.Link = WebSubHub.Links(origin, new Uri(origin, http.Request.Path).ToString());
        var headers = http.Response.GetTypedHeaders();
        headers.CacheControl = new CacheControlHeaderValue { Public = true, NoCache = true };
        if (NotModified(http.Request.GetTypedHeaders(), etag, version.LastModified))
        {
            (headers.ETag, headers.LastModified) = (EntityTagHeaderValue.Parse(etag), version.LastModified);
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var feed = await FeedPage.LoadAsync(db, page ?? 1, http.RequestAborted);
        (headers.ETag, headers.LastModified) = (EntityTagHeaderValue.Parse(feed.ETag), feed.LastModified);
        return Results.Text(write(feed, origin), contentType);
    }

    // RFC 9110 13.2.2: If-None-Match wins; If-Modified-Since only counts without it (HTTP dates have whole seconds).
    private static bool NotModified(Microsoft.AspNetCore.Http.Headers.RequestHeaders request, string etag, DateTimeOffset lastModified) =>
        request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false))
            : request.IfModifiedSince is { } since && lastModified.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
}
