using Microsoft.EntityFrameworkCore;
using Upstream.Insights.Domain;
using Upstream.Messaging;

namespace Upstream.Insights.Data;

/// <summary>
/// The Insights service's own database: the evidence gathered from every other service's events, the members and
/// phase that key it, and the publications. Each mapping is its own IEntityTypeConfiguration beside this file.
/// </summary>
public sealed class InsightsDb(DbContextOptions<InsightsDb> options) : DbContext(options)
{
    public DbSet<Evidence> Evidence => Set<Evidence>();

    public DbSet<MemberCouncil> MemberCouncils => Set<MemberCouncil>();

    public DbSet<ProgrammePhase> Phase => Set<ProgrammePhase>();

    public DbSet<Publication> Publications => Set<Publication>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<AllowedCallbackHost> AllowedCallbackHosts => Set<AllowedCallbackHost>();

    public DbSet<WebSubSubscription> WebSubSubscriptions => Set<WebSubSubscription>();

    public DbSet<WebSubTask> WebSubTasks => Set<WebSubTask>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Events leave in the same transaction as the change that caused them; each consumed event is handled once.
        modelBuilder.AddOutbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InsightsDb).Assembly);
    }
}
