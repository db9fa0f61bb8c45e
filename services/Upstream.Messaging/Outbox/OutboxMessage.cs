namespace Upstream.Messaging.Outbox;

/// <summary>An integration event stored with the state change that caused it, until the relay has sent it.</summary>
public sealed class OutboxMessage
{
    /// <summary>Assigned by the database; the relay's order.</summary>
    public long Sequence { get; private set; }

    public Guid MessageId { get; init; }

    /// <summary>Events sharing a key are relayed in the order they were stored; null means no ordering is needed.</summary>
    public string? AggregateKey { get; init; }

    public required string MessageType { get; init; }

    public required string Body { get; init; }

    /// <summary>W3C traceparent of the work that published it, so the consumer joins that trace.</summary>
    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; set; }
}
