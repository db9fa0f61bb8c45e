using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Events.Domain;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Events.Data;

internal sealed class MemberCouncilMapping : IEntityTypeConfiguration<MemberCouncil>
{
    public void Configure(EntityTypeBuilder<MemberCouncil> member)
    {
        member.ToTable("member_councils");
        member.HasKey(m => m.CouncilCode);
        member.Property(m => m.CouncilCode).HasColumnName("council_code").HasMaxLength(16);
        member.Property(m => m.CouncilName).HasColumnName("council_name");
        member.Property(m => m.PersonIds).HasColumnName("person_ids").AsJson();
        member.Property(m => m.Current).HasColumnName("current");
        member.Property(m => m.ChangedAt).HasColumnName("changed_at");
        member.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }
}
