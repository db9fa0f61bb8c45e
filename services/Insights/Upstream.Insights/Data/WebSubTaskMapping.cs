using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Insights.Domain;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Insights.Data;

internal sealed class WebSubTaskMapping : IEntityTypeConfiguration<WebSubTask>
{
    public void Configure(EntityTypeBuilder<WebSubTask> task)
    {
        task.ToTable("websub_tasks");
        task.HasKey(t => t.Id);
        task.Property(t => t.Id).HasColumnName("id");
        task.Property(t => t.SubscriptionId).HasColumnName("subscription_id");
        task.Property(t => t.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(32);
        task.Property(t => t.State).HasColumnName("state").HasConversion<string>().HasMaxLength(16);
        task.Property(t => t.Attempts).HasColumnName("attempts").AsJson();
        task.Property(t => t.NextAttemptAt).HasColumnName("next_attempt_at");
        task.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        task.HasOne<WebSubSubscription>().WithMany().HasForeignKey(t => t.SubscriptionId);
        task.HasIndex(t => new { t.State, t.NextAttemptAt }).HasDatabaseName("ix_websub_tasks_due");
        task.HasIndex(t => t.SubscriptionId).HasDatabaseName("ix_websub_tasks_subscription");
    }
}
