using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Upstream.Contracts;

namespace Upstream.Messaging.Inbox;

/// <summary>
/// The MassTransit consumer around a service's <see cref="IEventConsumer{TEvent}"/>. It claims the message in
/// the inbox first: a concurrent duplicate then waits on that row and, once the first commits, finds it taken.
/// If the handler fails, the claim rolls back with its changes and a retry starts clean.
/// </summary>
internal sealed partial class InboxConsumer<TDb, TConsumer, TEvent>(TDb db, TConsumer consumer, TimeProvider time, ILogger<TConsumer> logger) : IConsumer<TEvent>
    where TDb : DbContext
    where TConsumer : class, IEventConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
{
    public static readonly string ConsumerName = typeof(TConsumer).Name;

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var cancellationToken = context.CancellationToken;
        var messageId = context.MessageId ?? context.Message.EventId;
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, received_at) VALUES ({messageId}, {ConsumerName}, {time.GetUtcNow()}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (claimed == 0)
        {
            LogDuplicate(messageId, ConsumerName);
            return; // disposing the transaction rolls it back; nothing was changed
        }

        await consumer.ConsumeAsync(context.Message, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} was already handled by {Consumer}; skipped")]
    private partial void LogDuplicate(Guid messageId, string consumer);
}
