using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Events;
using Upstream.Domain.Refusals;
using Upstream.Events.Data;
using Upstream.Events.Domain;
using Upstream.Messaging.Outbox;
using Upstream.ServiceDefaults.Batching;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Events.Handling;

/// <summary>
/// A council's people registered for events (a waiting list beyond capacity, promoted in order), cancelled, and
/// checked in per day. Every change to an event's registrations first locks the event's row; registrations
/// queue per event and are decided in batches (<see cref="RegistrationDecisions"/>).
/// </summary>
public sealed class RegistrationDesk(EventsDb db, IEventOutbox outbox, TimeProvider clock, DecisionQueue<Guid, RegistrationAsk, Registration> decisions)
{
    /// <param name="councilCode">Empty: the caller's own council.</param>
    public async Task<Registration> RegisterAsync(Caller caller, Guid programmeEventId, Guid personId, string councilCode, string dietaryNeeds, string accessNeeds, CancellationToken cancellationToken)
    {
        var council = (string.IsNullOrWhiteSpace(councilCode) ? caller.CouncilCode ?? "" : councilCode).Trim().ToUpperInvariant();
        caller.RequireCouncil(council, "register people for events");

        // Decided with whatever else is queued for the event, under its lock, membership and invitation included: checked
        // per call, those two queries were most of a burst's time (300 attempts at once answered at p99 702 to 804 ms
        // with them, 214 ms without); per batch they are two queries for all its attempts (see RegistrationDecisions).
        return await decisions.DecideAsync(programmeEventId, new RegistrationAsk(personId, council, dietaryNeeds, accessNeeds, caller.Subject), cancellationToken);
    }

    /// <summary>A confirmed place freed goes to the first on the waiting list, in the same transaction.</summary>
    public async Task<Registration> CancelAsync(Caller caller, Guid programmeEventId, Guid registrationId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var programmeEvent = await db.LockAsync(programmeEventId, cancellationToken);
        var registration = await FindAsync(programmeEventId, registrationId, cancellationToken);
        caller.RequireCouncil(registration.CouncilCode, "cancel the registration");
        var now = clock.GetUtcNow();
        var wasConfirmed = registration.Cancel(programmeEvent, now);
        outbox.Publish(
            new RegistrationCancelled(Guid.NewGuid(), now, programmeEventId, registration.Id, registration.PersonId, registration.CouncilCode, wasConfirmed),
            registration.Id.ToString());
        if (wasConfirmed)
        {
            var next = await db.Registrations
                .Where(r => r.ProgrammeEventId == programmeEventId && r.State == RegistrationState.Waitlisted)
                .OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (next is not null)
            {
                next.Promote(now);
                outbox.Publish(new WaitlistPromoted(Guid.NewGuid(), now, programmeEventId, next.Id, next.PersonId, next.CouncilCode), next.Id.ToString());
            }
        }

        await db.SaveAsync("the registration", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return registration;
    }

    public async Task<Registration> CheckInAsync(Caller caller, Guid programmeEventId, Guid registrationId, DateOnly day, CancellationToken cancellationToken)
    {
        var programmeEvent = await db.ProgrammeEvents.FirstOrDefaultAsync(e => e.Id == programmeEventId, cancellationToken)
            ?? throw new NotFoundException($"No event {programmeEventId}.");
        var registration = await FindAsync(programmeEventId, registrationId, cancellationToken);
        caller.RequireCouncil(registration.CouncilCode, "check in");
        var now = clock.GetUtcNow();
        programmeEvent.CheckIn(registration, day, caller.IsStaff, now);
        outbox.Publish(Wire.Attendance(programmeEvent, registration, day, attended: true, now), registration.Id.ToString());
        await db.SaveAsync("the registration", cancellationToken);
        return registration;
    }

    /// <summary>Staff see all; a member only its own council's (the API leaves out the needs for anyone but staff).</summary>
    public async Task<IReadOnlyList<Registration>> ListAsync(Caller caller, Guid programmeEventId, CancellationToken cancellationToken)
    {
        caller.RequireStaffOrMember("read registrations");
        var registrations = db.Registrations.AsNoTracking().Where(r => r.ProgrammeEventId == programmeEventId);
        if (!caller.IsStaff)
        {
            var council = caller.CouncilCode ?? "";
            registrations = registrations.Where(r => r.CouncilCode == council);
        }

        return await registrations.OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
    }

    private async Task<Registration> FindAsync(Guid programmeEventId, Guid registrationId, CancellationToken cancellationToken) =>
        await db.Registrations.FirstOrDefaultAsync(r => r.Id == registrationId && r.ProgrammeEventId == programmeEventId, cancellationToken)
            ?? throw new NotFoundException($"No registration {registrationId} for this event.");
}
