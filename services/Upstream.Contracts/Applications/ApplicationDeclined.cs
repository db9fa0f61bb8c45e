namespace Upstream.Contracts.Applications;

/// <summary>A council's application was not selected for the cohort (or was found ineligible).</summary>
public sealed record ApplicationDeclined(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ApplicationId,
    Guid CallId,
    string CouncilCode,
    string CouncilName,
    string Region,
    string Reason) : IIntegrationEvent;
