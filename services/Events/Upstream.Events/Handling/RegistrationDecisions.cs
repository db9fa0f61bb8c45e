using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Events;
using Upstream.Domain.Refusals;
using Upstream.Events.Data;
using Upstream.Events.Domain;
using Upstream.Messaging.Outbox;
using Upstream.ServiceDefaults.Batching;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Events.Handling;

/// <summary>A registration asked for by (or for) a council; the caller may act for that council.</summary>
public sealed record RegistrationAsk(Guid PersonId, string CouncilCode, string DietaryNeeds, string AccessNeeds, string By);

/// <summary>
/// Decides the registrations queued for one event together: the event's row lock taken once, its active
/// registrations, the asking councils' memberships and their invitations read once, each ask decided in arrival order
/// (a council no longer a member, not invited or asking for someone not its own is refused on its own; otherwise
/// confirmed or waitlisted against the running counts; not decided if its caller has gone by then), all saved with
/// their outbox events in one commit. The lock still orders batches across replicas.
/// </summary>
public sealed class RegistrationDecisions(EventsDb db, IEventOutbox outbox, TimeProvider clock) : IBatchDecider<Guid, RegistrationAsk, Registration>
{
    public async Task<IReadOnlyList<Decision<Registration>>> DecideAsync(Guid programmeEventId, IReadOnlyList<Batched<RegistrationAsk>> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var programmeEvent = await db.LockAsync(programmeEventId, cancellationToken);
        var active = await db.Registrations
            .Where(r => r.ProgrammeEventId == programmeEventId && r.State != RegistrationState.Cancelled)
            .Select(r => new Held(r.State, r.CouncilCode, r.CouncilSlot ?? 0, r.PersonId, r.RegisteredAt))
            .ToListAsync(cancellationToken);

        var councils = batch.Select(b => b.Request.CouncilCode).Distinct().ToList();
        var members = await db.MemberCouncils.AsNoTracking()
            .Where(m => councils.Contains(m.CouncilCode) && m.Current)
            .ToDictionaryAsync(m => m.CouncilCode, cancellationToken);
        var invited = (await db.Invitations
            .Where(i => i.ProgrammeEventId == programmeEventId && councils.Contains(i.CouncilCode))
            .Select(i => i.CouncilCode)
            .ToListAsync(cancellationToken)).ToHashSet();

        var decisions = new List<Decision<Registration>>(batch.Count);
        var registeredAt = active.Select(r => r.RegisteredAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        foreach (var queued in batch)
        {
            // Strictly later (at PostgreSQL's microsecond precision) than every registration the event holds, so the
            // waiting list, ordered by registration time, is the order the event's lock decided them in, however
            // close together a batch's clock readings are (or a stopped clock's).
            registeredAt = Later(clock.GetUtcNow(), registeredAt);
            decisions.Add(queued.Decide(ask =>
            {
                var member = members.GetValueOrDefault(ask.CouncilCode)
                    ?? throw new DomainRuleException("member_council", $"{ask.CouncilCode} is not a current member of the network.");
                if (!invited.Contains(ask.CouncilCode))
                {
                    throw new DomainRuleException("invitation", $"{ask.CouncilCode} is not invited to this event.");
                }

                if (!member.PersonIds.Contains(ask.PersonId))
                {
                    throw new InvalidInputException([new FieldViolation("person_id", $"Not one of {ask.CouncilCode}'s people.")]);
                }

                if (active.Any(r => r.PersonId == ask.PersonId))
                {
                    throw new ConflictException("That person is already registered for this event.", alreadyExists: true);
                }

                var registration = programmeEvent.Register(
                    ask.PersonId,
                    ask.CouncilCode,
                    ask.DietaryNeeds,
                    ask.AccessNeeds,
                    active.Count(r => r.State == RegistrationState.Confirmed),
                    [.. active.Where(r => r.CouncilCode == ask.CouncilCode).Select(r => r.Slot)],
                    ask.By,
                    registeredAt);
                db.Registrations.Add(registration);
                active.Add(new Held(registration.State, registration.CouncilCode, registration.CouncilSlot ?? 0, registration.PersonId, registeredAt));
                if (registration.State == RegistrationState.Confirmed)
                {
                    outbox.Publish(
                        new RegistrationConfirmed(Guid.NewGuid(), registeredAt, programmeEventId, registration.Id, ask.PersonId, ask.CouncilCode),
                        registration.Id.ToString());
                }

                return registration;
            }));
        }

        await db.SaveAsync("the registration", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return decisions;
    }

    private static DateTimeOffset Later(DateTimeOffset now, DateTimeOffset previous) =>
        now > previous.AddMicroseconds(1) ? now : previous.AddMicroseconds(1);

    private sealed record Held(RegistrationState State, string CouncilCode, int Slot, Guid PersonId, DateTimeOffset RegisteredAt);
}
