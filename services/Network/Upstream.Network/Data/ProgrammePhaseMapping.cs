using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Network.Domain;

namespace Upstream.Network.Data;

internal sealed class ProgrammePhaseMapping : IEntityTypeConfiguration<ProgrammePhase>
{
    public void Configure(EntityTypeBuilder<ProgrammePhase> phase)
    {
        phase.ToTable("programme_phases");

        // One row per phase name: starting a phase again replaces its dates.
        phase.HasKey(p => p.Name);
        phase.Property(p => p.Name).HasColumnName("name").HasMaxLength(32);
        phase.Property(p => p.StartsOn).HasColumnName("starts_on");
        phase.Property(p => p.EndsOn).HasColumnName("ends_on");
        phase.Property(p => p.StartedAt).HasColumnName("started_at");
        phase.Property(p => p.StartedBy).HasColumnName("started_by");
    }
}
