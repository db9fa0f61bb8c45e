namespace Upstream.Contracts.Network;

/// <summary>An organisation became a partner of the programme; Insights offers it feeds and webhooks.</summary>
/// <param name="Kind">funder, delivery-partner or research-partner.</param>
public sealed record PartnerAdded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PartnerId,
    string Name,
    string Kind) : IIntegrationEvent;
