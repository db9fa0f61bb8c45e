using Upstream.Domain.Refusals;
using Upstream.Domain.Time;

namespace Upstream.Events.Domain;

/// <summary>
/// A residential, roundtable or other gathering of the network. Once it has started it cannot be changed, only
/// attended and closed; cancelling releases every registration.
/// </summary>
public sealed class ProgrammeEvent
{
    private ProgrammeEvent()
    {
    }

    public Guid Id { get; private set; }

    public ProgrammeEventKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    public string Venue { get; private set; } = "";

    public string Address { get; private set; } = "";

    public string OnlineLink { get; private set; } = "";

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public DateTimeOffset RegistrationClosesAt { get; private set; }

    public int Capacity { get; private set; }

    public int PerCouncilLimit { get; private set; }

    public List<EventSession> Sessions { get; private set; } = [];

    public ProgrammeEventState State { get; private set; }

    public string ScheduledBy { get; private set; } = "";

    public DateTimeOffset ScheduledAt { get; private set; }

    public string? CancellationReason { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Raised by each change (a revision, the cancellation): the calendar entry's SEQUENCE.</summary>
    public int Sequence { get; private set; }

    public DateTimeOffset? RevisedAt { get; private set; }

    /// <summary>A residential's accommodation is provided, and its travel and accommodation are paid for.</summary>
    public bool AccommodationProvided => Kind == ProgrammeEventKind.Residential;

    public bool ExpensesCovered => Kind == ProgrammeEventKind.Residential;

    /// <summary>The London dates it spans: attendance is recorded per day.</summary>
    public IReadOnlyList<DateOnly> Days
    {
        get
        {
            var first = DateOnly.FromDateTime(ProgrammeTime.ToLondon(StartsAt));
            var last = DateOnly.FromDateTime(ProgrammeTime.ToLondon(EndsAt));
            return [.. Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays)];
        }
    }

    public static ProgrammeEvent Schedule(ProgrammeEventDetails details, string by, DateTimeOffset now)
    {
        details.Validate(now).ThrowIfAny();
        var programmeEvent = new ProgrammeEvent
        {
            Id = Guid.CreateVersion7(now),
            Kind = details.Kind,
            State = ProgrammeEventState.Scheduled,
            ScheduledBy = by,
            ScheduledAt = now,
        };
        programmeEvent.Apply(details);
        return programmeEvent;
    }

    /// <summary>
    /// Decides a new registration, given what is held now (read under the event row's lock, so no other
    /// registration of this event can change the counts before this one commits).
    /// </summary>
    /// <param name="councilSlotsHeld">The council's slots taken by its confirmed and waiting registrations.</param>
    public Registration Register(Guid personId, string councilCode, string dietaryNeeds, string accessNeeds, int confirmed, IReadOnlyCollection<int> councilSlotsHeld, string by, DateTimeOffset now)
    {
        RequireOpen();
        if (now >= RegistrationClosesAt)
        {
            throw new DomainRuleException("registration_window", $"Registration for \"{Title}\" closed at {ProgrammeTime.Describe(RegistrationClosesAt)}.");
        }

        // Counted, not only looked for: a revision may have lowered the limit below a slot number already held.
        var slot = councilSlotsHeld.Count >= PerCouncilLimit ? 0 : Enumerable.Range(1, PerCouncilLimit).First(s => !councilSlotsHeld.Contains(s));
        if (slot == 0)
        {
            throw new DomainRuleException("per_council_limit", $"{councilCode} has already registered {PerCouncilLimit} {(PerCouncilLimit == 1 ? "person" : "people")} for \"{Title}\", its limit.");
        }

        var state = confirmed < Capacity ? RegistrationState.Confirmed : RegistrationState.Waitlisted;
        return Registration.Create(Id, personId, councilCode, slot, state, dietaryNeeds, accessNeeds, by, now);
    }

    /// <summary>
    /// Only before it starts, and never below what is taken: capacity not under the confirmed places, a per-council
    /// limit not under any council's registrations. More capacity promotes the waiting list in order.
    /// </summary>
    /// <param name="active">The confirmed and waiting registrations, read under the event's lock.</param>
    /// <returns>The registrations promoted from the waiting list.</returns>
    public IReadOnlyList<Registration> Revise(ProgrammeEventDetails details, IReadOnlyList<Registration> active, DateTimeOffset now)
    {
        RequireOpen();
        if (now >= StartsAt)
        {
            throw new DomainRuleException("programme_event.started", $"\"{Title}\" has already started; it can only be attended and closed.");
        }

        var v = details.Validate(now);
        var confirmed = active.Where(r => r.State == RegistrationState.Confirmed).ToList();
        v.Require(details.Capacity >= confirmed.Count, "capacity", $"{confirmed.Count} places are already confirmed.");
        var mostByOneCouncil = active.GroupBy(r => r.CouncilCode).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        v.Require(details.EffectivePerCouncilLimit >= mostByOneCouncil, "per_council_limit", $"A council already has {mostByOneCouncil} registered.");
        v.Require(details.Kind == Kind, "kind", "An event keeps its kind; cancel it and schedule another.");
        v.ThrowIfAny();

        Apply(details);
        Sequence++;
        RevisedAt = now;

        var promoted = active.Where(r => r.State == RegistrationState.Waitlisted)
            .OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id)
            .Take(Capacity - confirmed.Count)
            .ToList();
        foreach (var registration in promoted)
        {
            registration.Promote(now);
        }

        return promoted;
    }

    /// <summary>Only before it starts: everyone's place is released.</summary>
    public void Cancel(string reason, IEnumerable<Registration> active, DateTimeOffset now)
    {
        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(reason), "reason", "Say why the event is cancelled: everyone registered is told.");
        v.ThrowIfAny();
        RequireOpen();
        if (now >= StartsAt)
        {
            throw new DomainRuleException("programme_event.started", $"\"{Title}\" has already started; it can only be attended and closed.");
        }

        foreach (var registration in active)
        {
            registration.Release(now);
        }

        State = ProgrammeEventState.Cancelled;
        Sequence++;
        CancellationReason = reason.Trim();
        CancelledAt = now;
    }

    /// <summary>After it ends: each confirmed person's day without a check-in becomes a no-show.</summary>
    /// <returns>The no-shows recorded: (registration, day).</returns>
    public IReadOnlyList<(Registration Registration, DateOnly Day)> Close(IEnumerable<Registration> confirmed, DateTimeOffset now)
    {
        RequireOpen();
        if (now < EndsAt)
        {
            throw new DomainRuleException("programme_event.not_ended", $"\"{Title}\" ends at {ProgrammeTime.Describe(EndsAt)}; it can be closed after that.");
        }

        var missed = new List<(Registration, DateOnly)>();
        foreach (var registration in confirmed)
        {
            missed.AddRange(registration.RecordNoShows(Days).Select(day => (registration, day)));
        }

        State = ProgrammeEventState.Closed;
        ClosedAt = now;
        return missed;
    }

    /// <summary>A check-in for one of its days: staff on any day that has come, the member only on the day itself.</summary>
    public void CheckIn(Registration registration, DateOnly day, bool byStaff, DateTimeOffset now)
    {
        RequireOpen();
        var today = DateOnly.FromDateTime(ProgrammeTime.ToLondon(now));
        var v = new Violations();
        v.Require(Days.Contains(day), "day", $"\"{Title}\" runs on {string.Join(" and ", Days.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}.");
        v.ThrowIfAny();
        if (day > today || (!byStaff && day != today))
        {
            throw new DomainRuleException("check_in.day", byStaff ? "That day has not come yet." : "Members check in at the venue, on the day itself.");
        }

        registration.CheckIn(day);
    }

    /// <summary>What staff say about the event, already validated.</summary>
    private void Apply(ProgrammeEventDetails details)
    {
        Title = details.Title.Trim();
        Description = details.Description.Trim();
        Venue = details.Venue.Trim();
        Address = details.Address.Trim();
        OnlineLink = details.OnlineLink.Trim();
        StartsAt = details.StartsAt;
        EndsAt = details.EndsAt;
        RegistrationClosesAt = details.RegistrationClosesAt;
        Capacity = details.Capacity;
        PerCouncilLimit = details.EffectivePerCouncilLimit;
        Sessions = [.. details.Sessions.OrderBy(s => s.StartsAt)];
    }

    private void RequireOpen()
    {
        if (State != ProgrammeEventState.Scheduled)
        {
            throw new DomainRuleException("programme_event.state", $"\"{Title}\" is {State.ToString().ToLowerInvariant()}: nothing more can change.");
        }
    }
}
