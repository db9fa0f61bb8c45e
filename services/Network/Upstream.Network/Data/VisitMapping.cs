using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Network.Domain;
using Upstream.Network.Domain.Visits;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Network.Data;

internal sealed class VisitMapping : IEntityTypeConfiguration<DiscoveryVisit>
{
    public void Configure(EntityTypeBuilder<DiscoveryVisit> visit)
    {
        visit.ToTable("discovery_visits");
        visit.HasKey(v => v.Id);
        visit.Property(v => v.Id).HasColumnName("id").ValueGeneratedNever();
        visit.Property(v => v.MemberId).HasColumnName("member_id");
        visit.Property(v => v.VisitedOn).HasColumnName("visited_on");
        visit.Property(v => v.Visitors).HasColumnName("visitors").AsJson();
        visit.Property(v => v.Notes).HasColumnName("notes");
        visit.Property(v => v.RecordedBy).HasColumnName("recorded_by");
        visit.Property(v => v.RecordedAt).HasColumnName("recorded_at");
        visit.HasOne<Member>().WithMany().HasForeignKey(v => v.MemberId);
        visit.HasMany(v => v.Findings).WithOne().HasForeignKey(f => f.VisitId);
        visit.HasIndex(v => v.MemberId).HasDatabaseName("ix_discovery_visits_member");
    }
}
