using Microsoft.EntityFrameworkCore;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Insights.Handling;

/// <summary>The patterns in what the network found, for staff and partners.</summary>
public sealed class PatternDesk(InsightsDb db)
{
    public async Task<Patterns> PatternsAsync(Caller caller, PatternFilter filter, CancellationToken cancellationToken)
    {
        caller.RequireStaffOrPartner("read the patterns");
        var findings = await db.Evidence.AsNoTracking().Where(e => e.Source == EvidenceSource.Finding).ToListAsync(cancellationToken);
        return Patterns.Of(findings, filter);
    }
}
