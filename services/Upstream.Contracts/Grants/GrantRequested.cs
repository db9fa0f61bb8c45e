namespace Upstream.Contracts.Grants;

/// <summary>A member council (alone or leading a group) submitted a request to the experimentation fund.</summary>
public sealed record GrantRequested(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid RequestId,
    Guid FundId,
    string LeadCouncilCode,
    IReadOnlyList<string> PartnerCouncilCodes,
    string Title,
    string Purpose,
    long AmountPence) : IIntegrationEvent;
