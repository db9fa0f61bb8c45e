namespace Upstream.Contracts.Grants;

/// <summary>Staff awarded a request: the amount is committed from the fund and a grant agreement exists.</summary>
public sealed record GrantAwarded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid GrantId,
    Guid RequestId,
    Guid FundId,
    string LeadCouncilCode,
    IReadOnlyList<string> PartnerCouncilCodes,
    string Title,
    long AwardedPence) : IIntegrationEvent;
