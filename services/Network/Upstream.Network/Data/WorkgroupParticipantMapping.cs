using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Network.Domain;
using Upstream.Network.Domain.Workgroups;

namespace Upstream.Network.Data;

internal sealed class WorkgroupParticipantMapping : IEntityTypeConfiguration<WorkgroupParticipant>
{
    public void Configure(EntityTypeBuilder<WorkgroupParticipant> participant)
    {
        participant.ToTable("workgroup_participants");
        participant.HasKey(p => p.Id);
        participant.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
        participant.Property(p => p.WorkgroupId).HasColumnName("workgroup_id");
        participant.Property(p => p.MemberId).HasColumnName("member_id");
        participant.Property(p => p.JoinedAt).HasColumnName("joined_at");
        participant.Property(p => p.LeftAt).HasColumnName("left_at");
        participant.Ignore(p => p.IsCurrent);
        participant.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId);
        participant.HasIndex(p => p.MemberId).HasDatabaseName("ix_workgroup_participants_member");

        // Once at a time: the database settles two joins of one council at the same moment.
        participant.HasIndex(p => new { p.WorkgroupId, p.MemberId }).IsUnique().HasFilter("left_at IS NULL").HasDatabaseName("ux_workgroup_participants_current");
    }
}
