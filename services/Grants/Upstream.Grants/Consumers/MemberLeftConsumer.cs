using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Network;
using Upstream.Grants.Data;
using Upstream.Messaging.Inbox;

namespace Upstream.Grants.Consumers;

/// <summary>A council left the network: it can no longer apply or submit. Its existing grants stand.</summary>
public sealed class MemberLeftConsumer(GrantsDb db) : IEventConsumer<MemberLeft>
{
    public async Task ConsumeAsync(MemberLeft left, CancellationToken cancellationToken)
    {
        var code = left.CouncilCode.Trim().ToUpperInvariant();
        var member = await db.MemberCouncils.FirstOrDefaultAsync(m => m.CouncilCode == code, cancellationToken);

        // Never heard it join (it joined before Grants existed, or the events crossed): nothing to mark.
        member?.Left(left.OccurredAt);
    }
}
