using Microsoft.EntityFrameworkCore;
using Upstream.Grants.Domain;
using Upstream.Messaging;

namespace Upstream.Grants.Data;

/// <summary>
/// The Grants service's own database. Each entity's mapping is its own IEntityTypeConfiguration beside this file,
/// applied from the assembly. Value objects always read whole are jsonb; what is filtered or constrained on is a column.
/// </summary>
public sealed class GrantsDb(DbContextOptions<GrantsDb> options) : DbContext(options)
{
    public DbSet<Fund> Funds => Set<Fund>();

    public DbSet<GrantRequest> GrantRequests => Set<GrantRequest>();

    public DbSet<Assessment> Assessments => Set<Assessment>();

    public DbSet<Grant> Grants => Set<Grant>();

    public DbSet<MemberCouncil> MemberCouncils => Set<MemberCouncil>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Events leave in the same transaction as the change that caused them.
        modelBuilder.AddOutbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GrantsDb).Assembly);
    }
}
