namespace Upstream.Contracts.Events;

/// <summary>A council's person holds a confirmed place at a programme event. No dietary or access needs: those stay in Events.</summary>
public sealed record RegistrationConfirmed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ProgrammeEventId,
    Guid RegistrationId,
    Guid PersonId,
    string CouncilCode) : IIntegrationEvent;
