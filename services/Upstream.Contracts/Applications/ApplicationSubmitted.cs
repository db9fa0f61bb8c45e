namespace Upstream.Contracts.Applications;

/// <summary>A council submitted its application to a call for ideas before the deadline.</summary>
public sealed record ApplicationSubmitted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ApplicationId,
    Guid CallId,
    string CouncilCode,
    string CouncilName,
    string Region,
    string InitiativeTitle) : IIntegrationEvent;
