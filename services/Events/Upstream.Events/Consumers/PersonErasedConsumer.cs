using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Network;
using Upstream.Events.Data;
using Upstream.Messaging.Inbox;

namespace Upstream.Events.Consumers;

/// <summary>
/// A person asked to be forgotten: their dietary and access needs go from every registration (the registrations,
/// which hold only their id, stay for the counts), and their council can no longer register them.
/// </summary>
public sealed class PersonErasedConsumer(EventsDb db) : IEventConsumer<PersonErased>
{
    public async Task ConsumeAsync(PersonErased erased, CancellationToken cancellationToken)
    {
        foreach (var registration in await db.Registrations.Where(r => r.PersonId == erased.PersonId).ToListAsync(cancellationToken))
        {
            registration.EraseNeeds();
        }

        var code = erased.CouncilCode.Trim().ToUpperInvariant();
        var member = await db.MemberCouncils.FirstOrDefaultAsync(m => m.CouncilCode == code, cancellationToken);
        member?.Forget(erased.PersonId);
    }
}
