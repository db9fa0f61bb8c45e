using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Insights.Domain;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Insights.Data;

internal sealed class EvidenceMapping : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> evidence)
    {
        evidence.ToTable("evidence");
        evidence.HasKey(e => e.Id);
        evidence.Property(e => e.Id).HasColumnName("id");
        evidence.Property(e => e.Source).HasColumnName("source").HasConversion<string>().HasMaxLength(32);
        evidence.Property(e => e.SourceId).HasColumnName("source_id");
        evidence.Property(e => e.CouncilCodes).HasColumnName("council_codes").AsJson();
        evidence.Property(e => e.Region).HasColumnName("region");
        evidence.Property(e => e.AreaCharacters).HasColumnName("area_characters").AsJson();
        evidence.Property(e => e.Theme).HasColumnName("theme");
        evidence.Property(e => e.Phase).HasColumnName("phase");
        evidence.Property(e => e.Kind).HasColumnName("kind");
        evidence.Property(e => e.Dimension).HasColumnName("dimension");
        evidence.Property(e => e.Text).HasColumnName("text");
        evidence.Property(e => e.Quote).HasColumnName("quote");
        evidence.Property(e => e.PersonId).HasColumnName("person_id");
        evidence.Property(e => e.ProgrammeEventId).HasColumnName("programme_event_id");
        evidence.Property(e => e.Attended).HasColumnName("attended");
        evidence.Property(e => e.AmountPence).HasColumnName("amount_pence");
        evidence.Property(e => e.OccurredAt).HasColumnName("occurred_at");

        // Each finding, submission, report, award or attendance lands once, however often its event is redelivered.
        evidence.HasIndex(e => new { e.Source, e.SourceId }).IsUnique().HasDatabaseName("ux_evidence_source");
        evidence.HasIndex(e => e.PersonId).HasDatabaseName("ix_evidence_person");
    }
}
