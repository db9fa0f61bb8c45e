using System.Text.Json;
using Upstream.Contracts.Insights;
using Upstream.Contracts.Network;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Handling;

/// <summary>Event bodies as partners receive them: Standard Webhooks' recommended { type, timestamp, data } shape.</summary>
public static class WebhookPayloads
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Of(InsightPublished published) => JsonSerializer.Serialize(
        new
        {
            Type = WebhookEventTypes.InsightPublished,
            Timestamp = published.OccurredAt,
            Data = new { published.PublicationId, published.Title, published.Summary, published.Theme, published.Link },
        },
        Options);

    /// <summary>The finding as Network announced it: the quote is there only if its speaker consented; no person is named.</summary>
    public static string Of(FindingRecorded finding) => JsonSerializer.Serialize(
        new
        {
            Type = WebhookEventTypes.FindingRecorded,
            Timestamp = finding.OccurredAt,
            Data = new { finding.FindingId, finding.CouncilCode, finding.Region, finding.AreaCharacters, finding.VisitedOn, finding.Kind, finding.Theme, finding.Dimension, finding.Text, finding.Quote },
        },
        Options);
}
