using Microsoft.EntityFrameworkCore;
using Upstream.Domain.Refusals;
using Upstream.Events.Data;
using Upstream.Events.Domain;

namespace Upstream.Events.Handling;

/// <summary>
/// The event's row as the lock every change to its registrations takes first (inside the caller's transaction):
/// registrations of one event are decided one at a time, against counts no one else can move meanwhile.
/// </summary>
internal static class EventLock
{
    public static async Task<ProgrammeEvent> LockAsync(this EventsDb db, Guid programmeEventId, CancellationToken cancellationToken) =>
        await db.ProgrammeEvents.FromSqlInterpolated($"SELECT *, xmin FROM programme_events WHERE id = {programmeEventId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No event {programmeEventId}.");
}
