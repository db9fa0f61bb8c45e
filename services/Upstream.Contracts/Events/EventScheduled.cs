namespace Upstream.Contracts.Events;

/// <summary>
/// A programme event (a residential, a roundtable or another gathering) was scheduled. "Programme event" because
/// EventId is the integration event's own id.
/// </summary>
/// <param name="Kind">residential, roundtable or other.</param>
/// <param name="StartsAt">A UTC instant (entered and shown in Europe/London wall time).</param>
public sealed record EventScheduled(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ProgrammeEventId,
    string Title,
    string Kind,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    int PerCouncilLimit) : IIntegrationEvent;
