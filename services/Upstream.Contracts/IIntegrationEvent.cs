namespace Upstream.Contracts;

/// <summary>
/// Something that happened in one service that others may act on. Past tense, immutable, and complete enough
/// that a consumer never has to call the publisher back. Changes are additive only: a consumer built against an
/// older shape must still read a newer one; a breaking change is a new event type.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>Unique per occurrence: the message id on the bus, and the key consumers de-duplicate on.</summary>
    Guid EventId { get; }

    /// <summary>When it happened (a UTC instant), not when it was relayed or received.</summary>
    DateTimeOffset OccurredAt { get; }
}
