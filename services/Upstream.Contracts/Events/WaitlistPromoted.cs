namespace Upstream.Contracts.Events;

/// <summary>A place freed up and the first registration on the waiting list now holds it.</summary>
public sealed record WaitlistPromoted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ProgrammeEventId,
    Guid RegistrationId,
    Guid PersonId,
    string CouncilCode) : IIntegrationEvent;
