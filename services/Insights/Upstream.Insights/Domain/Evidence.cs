namespace Upstream.Insights.Domain;

/// <summary>
/// One thing the network learnt, as another service announced it, keyed to its council(s), theme, region, area
/// character and the programme phase it arrived in. Stored once per source item (the unique source and id settle a
/// redelivered event). The only personal data is an attendee's person id, removed when they ask to be forgotten.
/// </summary>
public sealed class Evidence
{
    private Evidence()
    {
    }

    public Guid Id { get; private set; }

    public EvidenceSource Source { get; private set; }

    /// <summary>The id the announcing service gave it (finding, submission, report, grant, attendance event).</summary>
    public Guid SourceId { get; private set; }

    public IReadOnlyList<string> CouncilCodes { get; private set; } = [];

    public string Region { get; private set; } = "";

    public IReadOnlyList<string> AreaCharacters { get; private set; } = [];

    public string Theme { get; private set; } = "";

    /// <summary>The programme phase current when it arrived; empty before the first PhaseStarted.</summary>
    public string Phase { get; private set; } = "";

    /// <summary>driver, barrier or enabler, for findings; empty otherwise.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>The New Operating Models dimension, for findings; empty otherwise.</summary>
    public string Dimension { get; private set; } = "";

    public string Text { get; private set; } = "";

    /// <summary>Present only when its speaker consented to publication.</summary>
    public string? Quote { get; private set; }

    /// <summary>An attendee; personal data, cleared by PersonErased.</summary>
    public Guid? PersonId { get; private set; }

    /// <summary>The programme event an attendance was at.</summary>
    public Guid? ProgrammeEventId { get; private set; }

    /// <summary>Attended (true) or a no-show, for attendance; awarded pence for grants.</summary>
    public bool Attended { get; private set; }

    public long AmountPence { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public static Evidence Finding(Guid findingId, string councilCode, string region, IReadOnlyList<string> areaCharacters, string phase, string kind, string theme, string dimension, string text, string? quote, DateTimeOffset at) =>
        new()
        {
            Id = Guid.NewGuid(), Source = EvidenceSource.Finding, SourceId = findingId, CouncilCodes = [councilCode], Region = region,
            AreaCharacters = areaCharacters, Phase = phase, Kind = kind, Theme = theme, Dimension = dimension, Text = text,
            Quote = string.IsNullOrWhiteSpace(quote) ? null : quote, OccurredAt = at,
        };

    public static Evidence Of(EvidenceSource source, Guid sourceId, IReadOnlyList<string> councilCodes, MemberCouncil? lead, string phase, string theme, string text, DateTimeOffset at) =>
        new()
        {
            Id = Guid.NewGuid(), Source = source, SourceId = sourceId, CouncilCodes = councilCodes, Region = lead?.Region ?? "",
            AreaCharacters = lead?.AreaCharacters ?? [], Phase = phase, Theme = theme, Text = text, OccurredAt = at,
        };

    public Evidence WithAttendance(Guid programmeEventId, Guid personId, bool attended)
    {
        (ProgrammeEventId, PersonId, Attended) = (programmeEventId, personId, attended);
        return this;
    }

    public Evidence WithAmount(long pence)
    {
        AmountPence = pence;
        return this;
    }

    public void ErasePerson() => PersonId = null;
}
