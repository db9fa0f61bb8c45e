using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Network.Domain;
using Upstream.Network.Domain.Workgroups;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Network.Data;

internal sealed class WorkgroupMapping : IEntityTypeConfiguration<Workgroup>
{
    public void Configure(EntityTypeBuilder<Workgroup> workgroup)
    {
        workgroup.ToTable("workgroups");
        workgroup.HasKey(w => w.Id);
        workgroup.Property(w => w.Id).HasColumnName("id").ValueGeneratedNever();
        workgroup.Property(w => w.Name).HasColumnName("name").HasMaxLength(Workgroup.MaximumNameLength);
        workgroup.Property(w => w.Theme).HasColumnName("theme");
        workgroup.Property(w => w.LeadMemberId).HasColumnName("lead_member_id");
        workgroup.Property(w => w.LearningProduct).HasColumnName("learning_product").AsJson();
        workgroup.Property(w => w.FormedBy).HasColumnName("formed_by");
        workgroup.Property(w => w.FormedAt).HasColumnName("formed_at");
        workgroup.Property(w => w.ChangedAt).HasColumnName("changed_at");
        workgroup.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        workgroup.HasOne<Member>().WithMany().HasForeignKey(w => w.LeadMemberId);
        workgroup.HasMany(w => w.Participants).WithOne().HasForeignKey(p => p.WorkgroupId);
        workgroup.Ignore(w => w.Current);
    }
}
