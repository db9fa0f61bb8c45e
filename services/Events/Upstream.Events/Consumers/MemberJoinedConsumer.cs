using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Network;
using Upstream.Events.Data;
using Upstream.Events.Domain;
using Upstream.Messaging.Inbox;

namespace Upstream.Events.Consumers;

/// <summary>
/// A council joined (or rejoined) the network: it is invited to every event still to come, and its people (their
/// ids only) are kept so it can register them.
/// </summary>
public sealed class MemberJoinedConsumer(EventsDb db) : IEventConsumer<MemberJoined>
{
    public async Task ConsumeAsync(MemberJoined joined, CancellationToken cancellationToken)
    {
        var code = joined.CouncilCode.Trim().ToUpperInvariant();
        var people = joined.People.Select(p => p.PersonId);
        var member = await db.MemberCouncils.FirstOrDefaultAsync(m => m.CouncilCode == code, cancellationToken);
        if (member is null)
        {
            db.MemberCouncils.Add(MemberCouncil.Joined(code, joined.CouncilName, people, joined.OccurredAt));
        }
        else
        {
            member.Rejoined(joined.CouncilName, people, joined.OccurredAt);
        }

        var invited = db.Invitations.Where(i => i.CouncilCode == code).Select(i => i.ProgrammeEventId);
        var upcoming = await db.ProgrammeEvents
            .Where(e => e.State == ProgrammeEventState.Scheduled && e.StartsAt > joined.OccurredAt && !invited.Contains(e.Id))
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
        db.Invitations.AddRange(upcoming.Select(id => Invitation.To(id, code, joined.OccurredAt)));
    }
}
