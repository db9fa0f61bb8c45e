using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Network.Domain;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Network.Data;

internal sealed class MemberMapping : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.ToTable("members");
        member.HasKey(m => m.Id);
        member.Property(m => m.Id).HasColumnName("id");
        member.Property(m => m.CouncilCode).HasColumnName("council_code").HasMaxLength(16);
        member.Property(m => m.CouncilName).HasColumnName("council_name");
        member.Property(m => m.Region).HasColumnName("region");
        member.Property(m => m.CouncilType).HasColumnName("council_type");
        member.Property(m => m.GssCode).HasColumnName("gss_code");
        member.Property(m => m.AreaCharacters).HasColumnName("area_characters").AsJson();
        member.Property(m => m.Initiative).HasColumnName("initiative").AsJson();
        member.Property(m => m.ApplicationId).HasColumnName("application_id");
        member.Property(m => m.JoinedAt).HasColumnName("joined_at");
        member.Property(m => m.LeftAt).HasColumnName("left_at");
        member.Property(m => m.LeftReason).HasColumnName("left_reason");
        member.Property(m => m.EarlierPeriods).HasColumnName("earlier_periods").AsJson();
        member.Property(m => m.DelegateIds).HasColumnName("delegate_ids").AsJson();
        member.Property<uint>(NetworkDb.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        member.Ignore(m => m.IsCurrent);

        // One record per council, ever: a council selected again rejoins it.
        member.HasIndex(m => m.CouncilCode).IsUnique().HasDatabaseName("ux_members_council_code");
    }
}
