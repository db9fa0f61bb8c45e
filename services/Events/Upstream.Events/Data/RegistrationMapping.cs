using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Events.Domain;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Events.Data;

internal sealed class RegistrationMapping : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> registration)
    {
        registration.ToTable("registrations");
        registration.HasKey(r => r.Id);
        registration.Property(r => r.Id).HasColumnName("id");
        registration.Property(r => r.ProgrammeEventId).HasColumnName("programme_event_id");
        registration.Property(r => r.PersonId).HasColumnName("person_id");
        registration.Property(r => r.CouncilCode).HasColumnName("council_code").HasMaxLength(16);
        registration.Property(r => r.CouncilSlot).HasColumnName("council_slot");
        registration.Property(r => r.State).HasColumnName("state").HasConversion<string>();
        registration.Property(r => r.DietaryNeeds).HasColumnName("dietary_needs");
        registration.Property(r => r.AccessNeeds).HasColumnName("access_needs");
        registration.Property(r => r.RegisteredBy).HasColumnName("registered_by");
        registration.Property(r => r.RegisteredAt).HasColumnName("registered_at");
        registration.Property(r => r.PromotedAt).HasColumnName("promoted_at");
        registration.Property(r => r.CancelledAt).HasColumnName("cancelled_at");
        registration.Property(r => r.DaysAttended).HasColumnName("days_attended").AsJson();
        registration.Property(r => r.DaysMissed).HasColumnName("days_missed").AsJson();
        registration.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        registration.Ignore(r => r.Active);
        registration.HasOne<ProgrammeEvent>().WithMany().HasForeignKey(r => r.ProgrammeEventId);

        // Each of a council's numbered slots once per event, and each person once: two racing registrations cannot both hold them.
        registration.HasIndex(r => new { r.ProgrammeEventId, r.CouncilCode, r.CouncilSlot }).IsUnique().HasDatabaseName("ux_registrations_council_slot");
        registration.HasIndex(r => new { r.ProgrammeEventId, r.PersonId }).IsUnique().HasFilter("state <> 'Cancelled'").HasDatabaseName("ux_registrations_active_person");
    }
}
