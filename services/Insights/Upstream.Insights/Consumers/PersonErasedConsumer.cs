using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Network;
using Upstream.Insights.Data;
using Upstream.Messaging.Inbox;

namespace Upstream.Insights.Consumers;

/// <summary>
/// A person asked to be forgotten. The only personal data here is an attendee's id on their attendance; the attendance
/// stays (it is counted), anonymised. Findings carry no person, and their quotes were published with consent.
/// </summary>
public sealed class PersonErasedConsumer(InsightsDb db) : IEventConsumer<PersonErased>
{
    public async Task ConsumeAsync(PersonErased erased, CancellationToken cancellationToken)
    {
        var attended = await db.Evidence.Where(e => e.PersonId == erased.PersonId).ToListAsync(cancellationToken);
        attended.ForEach(e => e.ErasePerson());
    }
}
