using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Network;
using Upstream.Domain.Refusals;
using Upstream.Messaging.Outbox;
using Upstream.Network.Data;
using Upstream.Network.Domain;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Network.Handling;

/// <summary>The programme's phases: anyone signed in reads the schedule; staff start a phase, and every service hears it.</summary>
public sealed class PhaseDesk(NetworkDb db, TimeProvider clock, IEventOutbox outbox)
{
    public async Task<List<ProgrammePhase>> ScheduleAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.RequireSignedIn("see the programme's phases");
        return await ScheduleAsync(cancellationToken);
    }

    public async Task<List<ProgrammePhase>> StartAsync(Caller caller, string name, DateOnly? startsOn, DateOnly? endsOn, CancellationToken cancellationToken)
    {
        caller.RequireStaff("start programme phases");
        var v = new Violations();
        ProgrammePhase.Validate(name, startsOn, endsOn, v);
        v.ThrowIfAny();
        var schedule = await ScheduleAsync(cancellationToken);
        if (Current(schedule)?.Name == name)
        {
            throw new DomainRuleException("phase.current", $"The {name} phase is already the current phase.");
        }

        var now = clock.GetUtcNow();
        if (schedule.FirstOrDefault(p => p.Name == name) is { } phase)
        {
            phase.Restart(startsOn!.Value, endsOn, caller.Subject, now);
        }
        else
        {
            db.Phases.Add(ProgrammePhase.Start(name, startsOn!.Value, endsOn, caller.Subject, now));
        }

        outbox.Publish(new PhaseStarted(Guid.NewGuid(), now, name, startsOn.Value, endsOn), "programme-phase");
        await db.SaveChangesAsync(cancellationToken);
        return await ScheduleAsync(cancellationToken);
    }

    /// <summary>The phase started last.</summary>
    public static ProgrammePhase? Current(IEnumerable<ProgrammePhase> schedule) => schedule.MaxBy(p => p.StartedAt);

    private async Task<List<ProgrammePhase>> ScheduleAsync(CancellationToken cancellationToken) =>
        [.. (await db.Phases.ToListAsync(cancellationToken)).OrderBy(p => p.StartsOn)];
}
