using Microsoft.EntityFrameworkCore;
using Upstream.Messaging.Inbox;
using Upstream.Messaging.Outbox;

namespace Upstream.Messaging;

public static class MessagingModel
{
    /// <summary>
    /// Maps the outbox and inbox tables (created by the messaging library's migration 9001) into a service's
    /// DbContext, so events and inbox records are saved in the same transaction as the service's own rows.
    /// </summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.Property(m => m.MessageId).HasColumnName("message_id");
            outbox.HasIndex(m => m.MessageId).IsUnique();
            outbox.Property(m => m.AggregateKey).HasColumnName("aggregate_key");
            outbox.Property(m => m.MessageType).HasColumnName("message_type");
            outbox.Property(m => m.Body).HasColumnName("body");
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent");
            outbox.Property(m => m.TraceState).HasColumnName("trace_state");
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
            outbox.Property(m => m.SentAt).HasColumnName("sent_at");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer");
            inbox.Property(m => m.ReceivedAt).HasColumnName("received_at");
        });
        return modelBuilder;
    }
}
