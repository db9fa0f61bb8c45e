namespace Upstream.Contracts.Network;

/// <summary>
/// The programme moved into a phase; every service knows the current phase from the latest of these.
/// </summary>
/// <param name="Phase">discovery, action-learning or sharing.</param>
/// <param name="StartsOn">The first day of the phase, a Europe/London date.</param>
/// <param name="EndsOn">Its last day (London), if set.</param>
public sealed record PhaseStarted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string Phase,
    DateOnly StartsOn,
    DateOnly? EndsOn) : IIntegrationEvent;
