using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Data;

internal sealed class WebSubSubscriptionMapping : IEntityTypeConfiguration<WebSubSubscription>
{
    public void Configure(EntityTypeBuilder<WebSubSubscription> subscription)
    {
        subscription.ToTable("websub_subscriptions");
        subscription.HasKey(s => s.Id);
        subscription.Property(s => s.Id).HasColumnName("id");
        subscription.Property(s => s.Callback).HasColumnName("callback");
        subscription.Property(s => s.Topic).HasColumnName("topic");
        subscription.Property(s => s.Secret).HasColumnName("secret");
        subscription.Property(s => s.LeaseSeconds).HasColumnName("lease_seconds");
        subscription.Property(s => s.State).HasColumnName("state").HasConversion<string>().HasMaxLength(16);
        subscription.Property(s => s.LeaseExpiresAt).HasColumnName("lease_expires_at");
        subscription.Property(s => s.RequestedAt).HasColumnName("requested_at");
        subscription.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();

        // One subscription per callback and topic: a second request renews it.
        subscription.HasIndex(s => new { s.Callback, s.Topic }).IsUnique().HasDatabaseName("ux_websub_subscriptions_callback_topic");
    }
}
