namespace Upstream.Messaging.ErrorQueues;

/// <summary>A message a consumer gave up on after its retries, as staff see it: where, what, and why.</summary>
/// <param name="Queue">The consumer's queue the message is replayed to (its error queue is Queue + "_error").</param>
/// <param name="Reason">The last exception's message, from MassTransit's MT-Fault-Message header.</param>
public sealed record DeadLetter(
    string Queue,
    Guid MessageId,
    string? MessageType,
    string? Reason,
    string? ExceptionType,
    DateTimeOffset? FaultedAt,
    int? Retries);
