using Microsoft.EntityFrameworkCore;
using Upstream.Domain.Registry;
using Upstream.Domain.Time;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Insights.Handling;

/// <summary>The programme at a glance and its map, for staff and partners.</summary>
public sealed class GlanceDesk(InsightsDb db, LocalAuthorityRegistry registry, TimeProvider clock)
{
    public async Task<ProgrammeGlance> GlanceAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.RequireStaffOrPartner("see the programme at a glance");
        var members = await db.MemberCouncils.AsNoTracking().ToListAsync(cancellationToken);
        var evidence = await db.Evidence.AsNoTracking().Where(e => e.Source != EvidenceSource.Finding && e.Source != EvidenceSource.LearningProduct).ToListAsync(cancellationToken);
        return ProgrammeGlance.Of(members, evidence);
    }

    public async Task<string> MapAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.RequireStaffOrPartner("see the programme map");
        var members = await db.MemberCouncils.AsNoTracking().ToListAsync(cancellationToken);
        return ProgrammeMap.Draw(members, registry, DateOnly.FromDateTime(ProgrammeTime.ToLondon(clock.GetUtcNow())));
    }
}
