namespace Upstream.Contracts.Events;

/// <summary>A registration (confirmed or waiting) was withdrawn; a confirmed place freed promotes the waiting list.</summary>
/// <param name="WasConfirmed">False when it was only on the waiting list.</param>
public sealed record RegistrationCancelled(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ProgrammeEventId,
    Guid RegistrationId,
    Guid PersonId,
    string CouncilCode,
    bool WasConfirmed) : IIntegrationEvent;
