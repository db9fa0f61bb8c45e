using Microsoft.EntityFrameworkCore;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Consumers;

/// <summary>What every evidence consumer needs: the council's entry (for its region), the current phase, and adding once.</summary>
public sealed class EvidenceStore(InsightsDb db)
{
    public static string Code(string councilCode) => councilCode.Trim().ToUpperInvariant();

    public Task<MemberCouncil?> MemberAsync(string councilCode, CancellationToken cancellationToken) =>
        db.MemberCouncils.FirstOrDefaultAsync(m => m.CouncilCode == Code(councilCode), cancellationToken);

    public async Task<string> PhaseAsync(CancellationToken cancellationToken) =>
        (await db.Phase.SingleOrDefaultAsync(cancellationToken))?.Phase ?? "";

    /// <summary>The inbox already handles each message once; this also keeps one row per source item if two events name it.</summary>
    /// <returns>Whether it is new.</returns>
    public async Task<bool> AddAsync(Evidence evidence, CancellationToken cancellationToken)
    {
        var known = await db.Evidence.AnyAsync(e => e.Source == evidence.Source && e.SourceId == evidence.SourceId, cancellationToken);
        if (!known)
        {
            db.Evidence.Add(evidence);
        }

        return !known;
    }
}
