using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Data;

internal sealed class WebhookSubscriptionMapping : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> subscription)
    {
        subscription.ToTable("webhook_subscriptions");
        subscription.HasKey(s => s.Id);
        subscription.Property(s => s.Id).HasColumnName("id");
        subscription.Property(s => s.Owner).HasColumnName("owner");
        subscription.Property(s => s.Url).HasColumnName("url");
        subscription.Property(s => s.Description).HasColumnName("description");
        subscription.Property(s => s.EventTypes).HasColumnName("event_types");
        subscription.Property(s => s.Secret).HasColumnName("secret");
        subscription.Property(s => s.PreviousSecret).HasColumnName("previous_secret");
        subscription.Property(s => s.PreviousSecretExpiresAt).HasColumnName("previous_secret_expires_at");
        subscription.Property(s => s.Enabled).HasColumnName("enabled");
        subscription.Property(s => s.DisabledReason).HasColumnName("disabled_reason");
        subscription.Property(s => s.ConsecutiveFailures).HasColumnName("consecutive_failures");
        subscription.Property(s => s.CreatedAt).HasColumnName("created_at");
        subscription.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        subscription.HasIndex(s => s.Owner).HasDatabaseName("ix_webhook_subscriptions_owner");
    }
}
