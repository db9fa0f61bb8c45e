using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Events;
using Upstream.Domain.Refusals;
using Upstream.Events.Data;
using Upstream.Events.Domain;
using Upstream.Messaging.Outbox;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Events.Handling;

/// <summary>Staff schedule, cancel and close events; everyone signed in reads the listings; invitations follow members.</summary>
public sealed class ProgrammeEventDesk(EventsDb db, IEventOutbox outbox, TimeProvider clock)
{
    /// <summary>Every current member council is invited in the same transaction as the event is scheduled.</summary>
    public async Task<ProgrammeEvent> ScheduleAsync(Caller caller, ProgrammeEventDetails details, CancellationToken cancellationToken)
    {
        caller.RequireStaff("schedule events");
        var now = clock.GetUtcNow();
        var programmeEvent = ProgrammeEvent.Schedule(details, caller.Subject, now);
        db.ProgrammeEvents.Add(programmeEvent);
        var members = await db.MemberCouncils.Where(m => m.Current).Select(m => m.CouncilCode).ToListAsync(cancellationToken);
        db.Invitations.AddRange(members.Select(code => Invitation.To(programmeEvent.Id, code, now)));
        outbox.Publish(
            new EventScheduled(Guid.NewGuid(), now, programmeEvent.Id, programmeEvent.Title, Wire.Kind(programmeEvent.Kind), programmeEvent.StartsAt, programmeEvent.EndsAt, programmeEvent.Capacity, programmeEvent.PerCouncilLimit),
            programmeEvent.Id.ToString());
        await db.SaveAsync("the event", cancellationToken);
        return programmeEvent;
    }

    /// <summary>Under the event's lock: the counts it is checked against cannot move meanwhile.</summary>
    public async Task<ProgrammeEvent> ReviseAsync(Caller caller, Guid programmeEventId, ProgrammeEventDetails details, CancellationToken cancellationToken)
    {
        caller.RequireStaff("change events");
        return await UnderLockAsync(programmeEventId, r => r.State != RegistrationState.Cancelled, (programmeEvent, active, now) =>
        {
            foreach (var promoted in programmeEvent.Revise(details, active, now))
            {
                outbox.Publish(new WaitlistPromoted(Guid.NewGuid(), now, programmeEvent.Id, promoted.Id, promoted.PersonId, promoted.CouncilCode), promoted.Id.ToString());
            }
        }, cancellationToken);
    }

    /// <summary>Registrations are released under the event's lock, so none can slip in while it is being cancelled.</summary>
    public async Task<ProgrammeEvent> CancelAsync(Caller caller, Guid programmeEventId, string reason, CancellationToken cancellationToken)
    {
        caller.RequireStaff("cancel events");
        return await UnderLockAsync(programmeEventId, r => r.State != RegistrationState.Cancelled, (programmeEvent, active, now) =>
        {
            programmeEvent.Cancel(reason, active, now);
            outbox.Publish(
                new EventCancelled(Guid.NewGuid(), now, programmeEvent.Id, programmeEvent.Title, programmeEvent.CancellationReason!, [.. active.Select(r => new ReleasedRegistration(r.Id, r.PersonId, r.CouncilCode))]),
                programmeEvent.Id.ToString());
        }, cancellationToken);
    }

    /// <summary>Each confirmed person's day without a check-in is recorded, and announced, as a no-show.</summary>
    public async Task<ProgrammeEvent> CloseAsync(Caller caller, Guid programmeEventId, CancellationToken cancellationToken)
    {
        caller.RequireStaff("close events");
        return await UnderLockAsync(programmeEventId, r => r.State == RegistrationState.Confirmed, (programmeEvent, confirmed, now) =>
        {
            foreach (var (registration, day) in programmeEvent.Close(confirmed, now))
            {
                outbox.Publish(Wire.Attendance(programmeEvent, registration, day, attended: false, now), registration.Id.ToString());
            }
        }, cancellationToken);
    }

    public async Task<ProgrammeEvent> GetAsync(Caller caller, Guid programmeEventId, CancellationToken cancellationToken)
    {
        caller.RequireSignedIn("read events");
        return await db.ProgrammeEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == programmeEventId, cancellationToken)
            ?? throw new NotFoundException($"No event {programmeEventId}.");
    }

    public async Task<IReadOnlyList<ProgrammeEvent>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.RequireSignedIn("read events");
        return await db.ProgrammeEvents.AsNoTracking().OrderBy(e => e.StartsAt).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Invitation>> InvitationsAsync(Caller caller, Guid? programmeEventId, CancellationToken cancellationToken)
    {
        caller.RequireStaffOrMember("read invitations");
        var invitations = db.Invitations.AsNoTracking();
        if (programmeEventId is { } id)
        {
            invitations = invitations.Where(i => i.ProgrammeEventId == id);
        }

        if (!caller.IsStaff)
        {
            var council = caller.CouncilCode ?? "";
            invitations = invitations.Where(i => i.CouncilCode == council);
        }

        return await invitations.OrderBy(i => i.InvitedAt).ThenBy(i => i.CouncilCode).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One change to the event and its registrations under the event's row lock: the registrations it is decided on
    /// cannot change meanwhile; the change, its events and the registrations it touched commit together.
    /// </summary>
    private async Task<ProgrammeEvent> UnderLockAsync(
        Guid programmeEventId,
        Expression<Func<Registration, bool>> which,
        Action<ProgrammeEvent, List<Registration>, DateTimeOffset> change,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var programmeEvent = await db.LockAsync(programmeEventId, cancellationToken);
        var registrations = await db.Registrations.Where(r => r.ProgrammeEventId == programmeEventId).Where(which).ToListAsync(cancellationToken);
        change(programmeEvent, registrations, clock.GetUtcNow());
        await db.SaveAsync("the event", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return programmeEvent;
    }

    public Task<Places> PlacesAsync(Guid programmeEventId, CancellationToken cancellationToken) => db.PlacesAsync(programmeEventId, cancellationToken);
}
