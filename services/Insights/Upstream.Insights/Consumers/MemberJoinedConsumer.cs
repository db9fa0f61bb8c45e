using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Network;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;
using Upstream.Messaging.Inbox;

namespace Upstream.Insights.Consumers;

/// <summary>A council joined: remembered for its region and area character (a member of the programme at a glance). Its people are not kept.</summary>
public sealed class MemberJoinedConsumer(InsightsDb db) : IEventConsumer<MemberJoined>
{
    public async Task ConsumeAsync(MemberJoined joined, CancellationToken cancellationToken)
    {
        var code = EvidenceStore.Code(joined.CouncilCode);
        var member = await db.MemberCouncils.FirstOrDefaultAsync(m => m.CouncilCode == code, cancellationToken);
        if (member is null)
        {
            db.MemberCouncils.Add(MemberCouncil.Joined(code, joined.CouncilName, joined.Region, joined.AreaCharacters, joined.OccurredAt));
        }
        else
        {
            member.Rejoined(joined.CouncilName, joined.Region, joined.AreaCharacters, joined.OccurredAt);
        }
    }
}
