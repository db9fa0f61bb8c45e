using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Events.Domain;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Events.Data;

internal sealed class ProgrammeEventMapping : IEntityTypeConfiguration<ProgrammeEvent>
{
    public void Configure(EntityTypeBuilder<ProgrammeEvent> programmeEvent)
    {
        programmeEvent.ToTable("programme_events");
        programmeEvent.HasKey(e => e.Id);
        programmeEvent.Property(e => e.Id).HasColumnName("id");
        programmeEvent.Property(e => e.Kind).HasColumnName("kind").HasConversion<string>();
        programmeEvent.Property(e => e.Title).HasColumnName("title");
        programmeEvent.Property(e => e.Description).HasColumnName("description");
        programmeEvent.Property(e => e.Venue).HasColumnName("venue");
        programmeEvent.Property(e => e.Address).HasColumnName("address");
        programmeEvent.Property(e => e.OnlineLink).HasColumnName("online_link");
        programmeEvent.Property(e => e.StartsAt).HasColumnName("starts_at");
        programmeEvent.Property(e => e.EndsAt).HasColumnName("ends_at");
        programmeEvent.Property(e => e.RegistrationClosesAt).HasColumnName("registration_closes_at");
        programmeEvent.Property(e => e.Capacity).HasColumnName("capacity");
        programmeEvent.Property(e => e.PerCouncilLimit).HasColumnName("per_council_limit");
        programmeEvent.Property(e => e.Sessions).HasColumnName("sessions").AsJson();
        programmeEvent.Property(e => e.State).HasColumnName("state").HasConversion<string>();
        programmeEvent.Property(e => e.ScheduledBy).HasColumnName("scheduled_by");
        programmeEvent.Property(e => e.ScheduledAt).HasColumnName("scheduled_at");
        programmeEvent.Property(e => e.CancellationReason).HasColumnName("cancellation_reason");
        programmeEvent.Property(e => e.CancelledAt).HasColumnName("cancelled_at");
        programmeEvent.Property(e => e.ClosedAt).HasColumnName("closed_at");
        programmeEvent.Property(e => e.Sequence).HasColumnName("sequence");
        programmeEvent.Property(e => e.RevisedAt).HasColumnName("revised_at");
        programmeEvent.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        programmeEvent.Ignore(e => e.AccommodationProvided);
        programmeEvent.Ignore(e => e.ExpensesCovered);
        programmeEvent.Ignore(e => e.Days);
    }
}
