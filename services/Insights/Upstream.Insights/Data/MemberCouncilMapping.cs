using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Insights.Domain;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Insights.Data;

internal sealed class MemberCouncilMapping : IEntityTypeConfiguration<MemberCouncil>
{
    public void Configure(EntityTypeBuilder<MemberCouncil> member)
    {
        member.ToTable("member_councils");
        member.HasKey(m => m.CouncilCode);
        member.Property(m => m.CouncilCode).HasColumnName("council_code").HasMaxLength(16);
        member.Property(m => m.CouncilName).HasColumnName("council_name");
        member.Property(m => m.Region).HasColumnName("region");
        member.Property(m => m.AreaCharacters).HasColumnName("area_characters").AsJson();
        member.Property(m => m.JoinedAt).HasColumnName("joined_at");
    }
}
