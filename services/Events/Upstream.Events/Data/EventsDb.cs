using Microsoft.EntityFrameworkCore;
using Upstream.Events.Domain;
using Upstream.Events.Domain.Expenses;
using Upstream.Messaging;

namespace Upstream.Events.Data;

/// <summary>
/// The Events service's own database. Each entity's mapping is its own IEntityTypeConfiguration beside this file,
/// applied from the assembly. Value objects always read whole are jsonb; what is filtered or constrained on is a column.
/// </summary>
public sealed class EventsDb(DbContextOptions<EventsDb> options) : DbContext(options)
{
    public DbSet<ProgrammeEvent> ProgrammeEvents => Set<ProgrammeEvent>();

    public DbSet<Registration> Registrations => Set<Registration>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<MemberCouncil> MemberCouncils => Set<MemberCouncil>();

    public DbSet<ExpenseClaim> ExpenseClaims => Set<ExpenseClaim>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Events leave in the same transaction as the change that caused them.
        modelBuilder.AddOutbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EventsDb).Assembly);
    }
}
