using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Data;

internal sealed class ProgrammePhaseMapping : IEntityTypeConfiguration<ProgrammePhase>
{
    public void Configure(EntityTypeBuilder<ProgrammePhase> phase)
    {
        phase.ToTable("programme_phase");
        phase.HasKey(p => p.Id);
        phase.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
        phase.Property(p => p.Phase).HasColumnName("phase");
        phase.Property(p => p.StartedAt).HasColumnName("started_at");
    }
}
