namespace Upstream.Insights.Domain;

/// <summary>The programme's current phase as the latest PhaseStarted said; evidence is tagged with it on arrival.</summary>
public sealed class ProgrammePhase
{
    private ProgrammePhase()
    {
    }

    /// <summary>Always 1: there is one current phase.</summary>
    public int Id { get; private set; } = 1;

    public string Phase { get; private set; } = "";

    public DateTimeOffset StartedAt { get; private set; }

    public static ProgrammePhase Started(string phase, DateTimeOffset at) => new() { Phase = phase, StartedAt = at };

    public void Move(string phase, DateTimeOffset at)
    {
        if (at >= StartedAt)
        {
            (Phase, StartedAt) = (phase, at);
        }
    }
}
