using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Network;
using Upstream.Events.Data;
using Upstream.Messaging.Inbox;

namespace Upstream.Events.Consumers;

/// <summary>A council left the network: it can no longer register. Registrations already made stand for staff to review.</summary>
public sealed class MemberLeftConsumer(EventsDb db) : IEventConsumer<MemberLeft>
{
    public async Task ConsumeAsync(MemberLeft left, CancellationToken cancellationToken)
    {
        var code = left.CouncilCode.Trim().ToUpperInvariant();
        var member = await db.MemberCouncils.FirstOrDefaultAsync(m => m.CouncilCode == code, cancellationToken);

        // Never heard it join (the events crossed): nothing to mark.
        member?.Left(left.OccurredAt);
    }
}
