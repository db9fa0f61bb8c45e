using Upstream.Domain.Refusals;

namespace Upstream.Events.Domain;

public enum RegistrationState
{
    Confirmed,
    Waitlisted,
    Cancelled,
}

/// <summary>
/// One person of a council registered for one event: a confirmed place or a place on the waiting list, holding one
/// of the council's numbered slots (the database allows each slot once per event and council). Dietary and access
/// needs are restricted personal data: only staff see them, and they are never logged.
/// </summary>
public sealed class Registration
{
    private Registration()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeEventId { get; private set; }

    public Guid PersonId { get; private set; }

    public string CouncilCode { get; private set; } = "";

    /// <summary>1..the event's per-council limit while active; null once cancelled, freeing the slot.</summary>
    public int? CouncilSlot { get; private set; }

    public RegistrationState State { get; private set; }

    public string DietaryNeeds { get; private set; } = "";

    public string AccessNeeds { get; private set; } = "";

    public string RegisteredBy { get; private set; } = "";

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset? PromotedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public List<DateOnly> DaysAttended { get; private set; } = [];

    public List<DateOnly> DaysMissed { get; private set; } = [];

    public bool Active => State != RegistrationState.Cancelled;

    internal static Registration Create(Guid programmeEventId, Guid personId, string councilCode, int slot, RegistrationState state, string dietaryNeeds, string accessNeeds, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ProgrammeEventId = programmeEventId,
        PersonId = personId,
        CouncilCode = councilCode,
        CouncilSlot = slot,
        State = state,
        DietaryNeeds = dietaryNeeds.Trim(),
        AccessNeeds = accessNeeds.Trim(),
        RegisteredBy = by,
        RegisteredAt = now,
    };

    /// <summary>Withdrawn by its council or staff, before the event starts.</summary>
    /// <returns>Whether it held a confirmed place (which the waiting list now takes).</returns>
    public bool Cancel(ProgrammeEvent programmeEvent, DateTimeOffset now)
    {
        if (!Active)
        {
            throw new DomainRuleException("registration.cancelled", "This registration is already cancelled.");
        }

        if (programmeEvent.State != ProgrammeEventState.Scheduled || now >= programmeEvent.StartsAt)
        {
            throw new DomainRuleException("programme_event.started", $"\"{programmeEvent.Title}\" has started or is over: its registrations stand as they are.");
        }

        var wasConfirmed = State == RegistrationState.Confirmed;
        Release(now);
        return wasConfirmed;
    }

    public void Promote(DateTimeOffset now)
    {
        State = RegistrationState.Confirmed;
        PromotedAt = now;
    }

    /// <summary>The person asked to be forgotten: their needs go; the registration stays for the counts.</summary>
    public void EraseNeeds()
    {
        DietaryNeeds = "";
        AccessNeeds = "";
    }

    internal void Release(DateTimeOffset now)
    {
        State = RegistrationState.Cancelled;
        CouncilSlot = null;
        CancelledAt = now;
    }

    internal void CheckIn(DateOnly day)
    {
        if (State != RegistrationState.Confirmed)
        {
            throw new DomainRuleException("registration.state", "Only a confirmed registration can check in.");
        }

        if (DaysAttended.Contains(day))
        {
            throw new DomainRuleException("check_in.recorded", "Already checked in for that day.");
        }

        DaysAttended.Add(day);
    }

    internal IReadOnlyList<DateOnly> RecordNoShows(IReadOnlyList<DateOnly> days)
    {
        var missed = days.Where(d => !DaysAttended.Contains(d)).ToList();
        DaysMissed = missed;
        return missed;
    }
}
