using Upstream.Domain.Refusals;

namespace Upstream.Network.Domain;

/// <summary>
/// One of the programme's three phases, with its London dates. The current phase is the one started last; every
/// service hears of it through PhaseStarted.
/// </summary>
public sealed class ProgrammePhase
{
    public static readonly IReadOnlyList<string> Names = ["discovery", "action-learning", "sharing"];

    private ProgrammePhase()
    {
    }

    /// <summary>discovery, action-learning or sharing.</summary>
    public string Name { get; private set; } = "";

    /// <summary>The first day (Europe/London).</summary>
    public DateOnly StartsOn { get; private set; }

    /// <summary>The last day (Europe/London), when known.</summary>
    public DateOnly? EndsOn { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public string StartedBy { get; private set; } = "";

    /// <summary>Checks a phase's name and dates before anything is loaded, so all problems are told at once.</summary>
    public static void Validate(string name, DateOnly? startsOn, DateOnly? endsOn, Violations v)
    {
        v.Require(Names.Contains(name), "phase", "The phase is one of discovery, action-learning or sharing.");
        v.Require(startsOn is not null, "starts_on", "Give the phase's first day as YYYY-MM-DD (London).");
        v.Require(startsOn is null || endsOn is null || endsOn >= startsOn, "ends_on", "The phase cannot end before it starts.");
    }

    public static ProgrammePhase Start(string name, DateOnly startsOn, DateOnly? endsOn, string startedBy, DateTimeOffset now) =>
        new() { Name = name, StartsOn = startsOn, EndsOn = endsOn, StartedAt = now, StartedBy = startedBy };

    /// <summary>Started again (a date corrected, or the programme stepping back): the new dates replace the old.</summary>
    public void Restart(DateOnly startsOn, DateOnly? endsOn, string startedBy, DateTimeOffset now) =>
        (StartsOn, EndsOn, StartedAt, StartedBy) = (startsOn, endsOn, now, startedBy);
}
