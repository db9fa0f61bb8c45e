using System.Text.Json;
using System.Text.Json.Serialization;
using Upstream.Insights.Handling;

namespace Upstream.Insights.Feeds;

/// <summary>The publications as a JSON Feed 1.1 (https://jsonfeed.org/version/1.1), paged through next_url.</summary>
public static class JsonFeed
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static string Write(FeedPage page, Uri origin)
    {
        var feed = new Document(
            "https://jsonfeed.org/version/1.1",
            "Upstream Collaborative: insight",
            new Uri(origin, "/v1/publications").ToString(),
            new Uri(origin, FeedEndpoints.PageUrl(FeedEndpoints.JsonPath, page.Page)).ToString(),
            page.HasNext ? new Uri(origin, FeedEndpoints.PageUrl(FeedEndpoints.JsonPath, page.Page + 1)).ToString() : null,
            "What the Upstream Collaborative's network of councils is learning.",
            "en-GB",
            [.. page.Items.Select(p => new Item(
                p.Id.ToString(),
                new Uri(origin, PublicationLinks.Path(p.Id)).ToString(),
                FeedEndpoints.Title(p),
                p.Html,
                FeedEndpoints.Summary(p),
                p.PublishedAt ?? p.UpdatedAt,
                p.UpdatedAt,
                p.Theme.Length > 0 ? [p.Theme] : null))]);
        return JsonSerializer.Serialize(feed, Options);
    }

    private sealed record Document(
        string Version, string Title, string HomePageUrl, string FeedUrl, string? NextUrl, string Description, string Language, IReadOnlyList<Item> Items);

    private sealed record Item(
        string Id, string Url, string Title, string ContentHtml, string Summary, DateTimeOffset DatePublished, DateTimeOffset DateModified, IReadOnlyList<string>? Tags);
}
