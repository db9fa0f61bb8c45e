using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Events.Domain;

namespace Upstream.Events.Data;

internal sealed class InvitationMapping : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.ToTable("invitations");
        invitation.HasKey(i => new { i.ProgrammeEventId, i.CouncilCode });
        invitation.Property(i => i.ProgrammeEventId).HasColumnName("programme_event_id");
        invitation.Property(i => i.CouncilCode).HasColumnName("council_code").HasMaxLength(16);
        invitation.Property(i => i.InvitedAt).HasColumnName("invited_at");
        invitation.HasIndex(i => i.CouncilCode).HasDatabaseName("ix_invitations_council_code");
        invitation.HasOne<ProgrammeEvent>().WithMany().HasForeignKey(i => i.ProgrammeEventId);
    }
}
