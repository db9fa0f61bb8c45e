using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Network.Domain;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Network.Data;

internal sealed class DelegateChangeMapping : IEntityTypeConfiguration<DelegateChange>
{
    public void Configure(EntityTypeBuilder<DelegateChange> change)
    {
        change.ToTable("delegate_changes");
        change.HasKey(c => c.Id);
        change.Property(c => c.Id).HasColumnName("id");
        change.Property(c => c.MemberId).HasColumnName("member_id");
        change.Property(c => c.CouncilCode).HasColumnName("council_code").HasMaxLength(16);
        change.Property(c => c.ChangedBy).HasColumnName("changed_by");
        change.Property(c => c.ChangedAt).HasColumnName("changed_at");
        change.Property(c => c.Before).HasColumnName("before_person_ids").AsJson();
        change.Property(c => c.After).HasColumnName("after_person_ids").AsJson();
        change.Property(c => c.Cause).HasColumnName("cause").HasConversion<string>();
        change.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId);
        change.HasIndex(c => new { c.MemberId, c.ChangedAt }).HasDatabaseName("ix_delegate_changes_member");
    }
}
