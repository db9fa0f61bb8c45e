using Microsoft.EntityFrameworkCore;
using Upstream.Domain.Refusals;
using Upstream.Events.Calendars;
using Upstream.Events.Data;
using Upstream.Events.Domain;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Events.Handling;

/// <summary>Calendar feeds: one event's for anyone signed in; one person's for their own council and staff.</summary>
public sealed class CalendarDesk(EventsDb db)
{
    public async Task<string> EventAsync(Caller caller, Guid programmeEventId, CancellationToken cancellationToken)
    {
        caller.RequireSignedIn("read events");
        var programmeEvent = await db.ProgrammeEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == programmeEventId, cancellationToken)
            ?? throw new NotFoundException($"No event {programmeEventId}.");
        var showLink = (await db.PlacesAsync(programmeEventId, cancellationToken)).ShowLinkTo(caller);
        return CalendarFeed.Write([programmeEvent], _ => showLink, programmeEvent.Title);
    }

    /// <summary>
    /// The events the person holds a confirmed place at, and those cancelled while they were registered (the
    /// cancellation released their place at the same instant), so the person's calendar hears of it.
    /// </summary>
    public async Task<string> PersonAsync(Caller caller, Guid personId, CancellationToken cancellationToken)
    {
        caller.RequireStaffOrMember("read calendars");
        // The people are a jsonb list: read the (few dozen) councils and look in them here.
        var members = await db.MemberCouncils.AsNoTracking().ToListAsync(cancellationToken);
        var council = members.FirstOrDefault(m => m.PersonIds.Contains(personId))?.CouncilCode;
        if (council is null || !caller.ActsFor(council))
        {
            throw new NotFoundException($"No calendar for person {personId}.");
        }

        var registrations = await db.Registrations.AsNoTracking().Where(r => r.PersonId == personId).ToListAsync(cancellationToken);
        var ids = registrations.Select(r => r.ProgrammeEventId).Distinct().ToList();
        var events = await db.ProgrammeEvents.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.StartsAt).ToListAsync(cancellationToken);
        var shown = events.Where(e => registrations.Any(r => r.ProgrammeEventId == e.Id
            && (r.State == RegistrationState.Confirmed || (e.State == ProgrammeEventState.Cancelled && r.CancelledAt == e.CancelledAt))));
        return CalendarFeed.Write(shown, e => registrations.Any(r => r.ProgrammeEventId == e.Id && r.State == RegistrationState.Confirmed), "Upstream events");
    }
}
