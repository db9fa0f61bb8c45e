namespace Upstream.Contracts.Grants;

/// <summary>Staff declined a request, with the reasons the council is given.</summary>
public sealed record GrantDeclined(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid RequestId,
    Guid FundId,
    string LeadCouncilCode,
    string Reason) : IIntegrationEvent;
