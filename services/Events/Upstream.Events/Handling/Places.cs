using Microsoft.EntityFrameworkCore;
using Upstream.Events.Data;
using Upstream.Events.Domain;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Events.Handling;

/// <summary>How many places an event has confirmed and waiting, and which councils hold the confirmed ones.</summary>
public sealed record Places(int Confirmed, int Waitlisted, IReadOnlySet<string> ConfirmedCouncils)
{
    /// <summary>The councils with a confirmed place (and staff) see a roundtable's link.</summary>
    public bool ShowLinkTo(Caller caller) =>
        caller.IsStaff || (caller.Is(Roles.Member) && ConfirmedCouncils.Any(caller.ActsFor));
}

internal static class PlacesQuery
{
    public static async Task<Places> PlacesAsync(this EventsDb db, Guid programmeEventId, CancellationToken cancellationToken)
    {
        var active = await db.Registrations.AsNoTracking()
            .Where(r => r.ProgrammeEventId == programmeEventId && r.State != RegistrationState.Cancelled)
            .Select(r => new { r.CouncilCode, r.State })
            .ToListAsync(cancellationToken);
        var confirmed = active.Where(r => r.State == RegistrationState.Confirmed).ToList();
        return new Places(confirmed.Count, active.Count - confirmed.Count, confirmed.Select(r => r.CouncilCode).ToHashSet());
    }
}
