namespace Upstream.Contracts.Insights;

/// <summary>Staff published an insight piece: it is now in the public feeds and goes out to subscribed partners.</summary>
/// <param name="Link">Where the piece is read (the gateway's public route).</param>
public sealed record InsightPublished(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PublicationId,
    string Title,
    string Summary,
    string Theme,
    string Link) : IIntegrationEvent;
