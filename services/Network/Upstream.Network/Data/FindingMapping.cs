using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Network.Domain;
using Upstream.Network.Domain.Visits;

namespace Upstream.Network.Data;

internal sealed class FindingMapping : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> finding)
    {
        finding.ToTable("findings");
        finding.HasKey(f => f.Id);
        finding.Property(f => f.Id).HasColumnName("id").ValueGeneratedNever();
        finding.Property(f => f.VisitId).HasColumnName("visit_id");
        finding.Property(f => f.MemberId).HasColumnName("member_id");
        finding.Property(f => f.Kind).HasColumnName("kind").HasConversion<string>();
        finding.Property(f => f.Theme).HasColumnName("theme");
        finding.Property(f => f.Dimension).HasColumnName("dimension").HasConversion<string>();
        finding.Property(f => f.Text).HasColumnName("text");
        finding.Property(f => f.Quote).HasColumnName("quote").HasMaxLength(FindingDraft.MaximumQuoteLength);
        finding.Property(f => f.QuoteConsent).HasColumnName("quote_consent");
        finding.Property(f => f.RecordedBy).HasColumnName("recorded_by");
        finding.Property(f => f.RecordedAt).HasColumnName("recorded_at");
        finding.Ignore(f => f.PublishableQuote);
        finding.HasOne<Member>().WithMany().HasForeignKey(f => f.MemberId);
        finding.HasIndex(f => f.VisitId).HasDatabaseName("ix_findings_visit");
        finding.HasIndex(f => f.MemberId).HasDatabaseName("ix_findings_member");
    }
}
