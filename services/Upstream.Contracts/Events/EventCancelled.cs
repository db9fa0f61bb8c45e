namespace Upstream.Contracts.Events;

/// <summary>
/// A programme event was cancelled; every registration was released. Carries who was registered (ids only, no
/// personal data) so whoever tells them (Network's people, a mailer) need not call back.
/// </summary>
public sealed record EventCancelled(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ProgrammeEventId,
    string Title,
    string Reason,
    IReadOnlyList<ReleasedRegistration> Released) : IIntegrationEvent;

/// <summary>A registration the cancellation released.</summary>
public sealed record ReleasedRegistration(Guid RegistrationId, Guid PersonId, string CouncilCode);
