using System.Text.Json;
using Upstream.Contracts.Insights;

namespace Upstream.Insights.Handling;

/// <summary>Event bodies as partners receive them: Standard Webhooks' recommended { type, timestamp, data } shape.</summary>
public static class WebhookPayloads
{
    public const string InsightPublishedType = "insight.published";

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Of(InsightPublished published) => JsonSerializer.Serialize(
        new
        {
            Type = InsightPublishedType,
            Timestamp = published.OccurredAt,
            Data = new { published.PublicationId, published.Title, published.Summary, published.Theme, published.Link },
        },
        Options);
}
