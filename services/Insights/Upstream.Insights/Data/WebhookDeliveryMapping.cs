using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Insights.Domain;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Insights.Data;

internal sealed class WebhookDeliveryMapping : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("webhook_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).HasColumnName("id");
        delivery.Property(d => d.SubscriptionId).HasColumnName("subscription_id");
        delivery.Property(d => d.MessageId).HasColumnName("message_id");
        delivery.Property(d => d.EventType).HasColumnName("event_type");
        delivery.Property(d => d.Payload).HasColumnName("payload");
        delivery.Property(d => d.State).HasColumnName("state").HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.Attempts).HasColumnName("attempts").AsJson();
        delivery.Property(d => d.NextAttemptAt).HasColumnName("next_attempt_at");
        delivery.Property(d => d.CreatedAt).HasColumnName("created_at");
        delivery.Property(d => d.TraceParent).HasColumnName("trace_parent");
        delivery.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        delivery.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId);

        // The sender's question: what is due now.
        delivery.HasIndex(d => new { d.State, d.NextAttemptAt }).HasDatabaseName("ix_webhook_deliveries_due");
        delivery.HasIndex(d => d.SubscriptionId).HasDatabaseName("ix_webhook_deliveries_subscription");
    }
}
