namespace Upstream.Messaging.Inbox;

/// <summary>A message one consumer has handled; its key makes a redelivery of the same message a no-op.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }

    public required string Consumer { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}
