using Microsoft.EntityFrameworkCore;
using Upstream.Messaging;
using Upstream.Network.Domain;
using Upstream.Network.Domain.Visits;
using Upstream.Network.Domain.Workgroups;

namespace Upstream.Network.Data;

/// <summary>
/// The Network service's own database. Each entity's mapping is its own IEntityTypeConfiguration beside this file
/// (one per concern: members and people, workgroups, visits and findings...), applied from the assembly. Value
/// objects always read whole are jsonb; what is filtered or constrained on is a column.
/// </summary>
public sealed class NetworkDb(DbContextOptions<NetworkDb> options) : DbContext(options)
{
    /// <summary>The shadow property holding a row's xmin, for optimistic concurrency.</summary>
    public const string Version = "Version";

    public DbSet<Member> Members => Set<Member>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<DelegateChange> DelegateChanges => Set<DelegateChange>();

    public DbSet<ProgrammePhase> Phases => Set<ProgrammePhase>();

    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<Workgroup> Workgroups => Set<Workgroup>();

    public DbSet<WorkgroupParticipant> WorkgroupParticipants => Set<WorkgroupParticipant>();

    public DbSet<LearningProductSubmission> LearningProductSubmissions => Set<LearningProductSubmission>();

    public DbSet<DiscoveryVisit> DiscoveryVisits => Set<DiscoveryVisit>();

    public DbSet<Finding> Findings => Set<Finding>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Events leave in the same transaction as the change that caused them.
        modelBuilder.AddOutbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NetworkDb).Assembly);
    }
}
