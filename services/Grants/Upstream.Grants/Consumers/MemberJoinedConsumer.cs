using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Network;
using Upstream.Grants.Data;
using Upstream.Grants.Domain;
using Upstream.Messaging.Inbox;

namespace Upstream.Grants.Consumers;

/// <summary>A council joined (or rejoined) the network: it may now apply. Its people are not kept: Grants does not need them.</summary>
public sealed class MemberJoinedConsumer(GrantsDb db) : IEventConsumer<MemberJoined>
{
    public async Task ConsumeAsync(MemberJoined joined, CancellationToken cancellationToken)
    {
        var code = joined.CouncilCode.Trim().ToUpperInvariant();
        var member = await db.MemberCouncils.FirstOrDefaultAsync(m => m.CouncilCode == code, cancellationToken);
        if (member is null)
        {
            db.MemberCouncils.Add(MemberCouncil.Joined(code, joined.CouncilName, joined.GssCode, joined.OccurredAt));
        }
        else
        {
            member.Rejoined(joined.CouncilName, joined.GssCode, joined.OccurredAt);
        }
    }
}
