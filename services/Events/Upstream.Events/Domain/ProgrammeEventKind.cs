namespace Upstream.Events.Domain;

/// <summary>What sort of gathering: its kind decides what it must say (a venue, a link) and what it covers.</summary>
public enum ProgrammeEventKind
{
    Residential,
    Roundtable,
    Other,
}

public enum ProgrammeEventState
{
    Scheduled,
    Cancelled,
    Closed,
}
