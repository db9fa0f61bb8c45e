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

        // The filters the database can apply without reading the JSON columns are applied there, so a narrowed view
        // reads only its own findings (the area character, a JSON array, and the exact comparison stay in Patterns).
        var findings = db.Evidence.AsNoTracking().Where(e => e.Source == EvidenceSource.Finding);
        if (filter.Theme.Length > 0)
        {
            findings = findings.Where(e => e.Theme.ToLower() == filter.Theme.ToLower());
        }

        if (filter.Region.Length > 0)
        {
            findings = findings.Where(e => e.Region.ToLower() == filter.Region.ToLower());
        }

        if (filter.Phase.Length > 0)
        {
            findings = findings.Where(e => e.Phase.ToLower() == filter.Phase.ToLower());
        }

        return Patterns.Of(await findings.ToListAsync(cancellationToken), filter);
    }
}
