namespace Upstream.Insights.Domain;

/// <summary>How many of something there are under one name (a region, an area character).</summary>
public sealed record Tally(string Key, int Count);

/// <summary>The programme at a glance: its members' spread, events held, grants awarded and paid, reports in.</summary>
public sealed record ProgrammeGlance(
    int Members,
    IReadOnlyList<Tally> ByRegion,
    IReadOnlyList<Tally> ByAreaCharacter,
    int EventsHeld,
    int Attendances,
    int GrantsAwarded,
    long AwardedPence,
    long PaidPence,
    int ReportsIn)
{
    public static ProgrammeGlance Of(IReadOnlyList<MemberCouncil> members, IReadOnlyList<Evidence> evidence)
    {
        var of = (EvidenceSource source) => evidence.Where(e => e.Source == source).ToList();
        var attendance = of(EvidenceSource.Attendance);
        var awards = of(EvidenceSource.GrantAward);
        return new ProgrammeGlance(
            members.Count,
            Tallied(members.Select(m => m.Region)),
            Tallied(members.SelectMany(m => m.AreaCharacters)),
            attendance.Select(a => a.ProgrammeEventId).Distinct().Count(),
            attendance.Count(a => a.Attended),
            awards.Count,
            awards.Sum(a => a.AmountPence),
            of(EvidenceSource.GrantPayment).Sum(p => p.AmountPence),
            of(EvidenceSource.GrantReport).Count);
    }

    private static List<Tally> Tallied(IEnumerable<string> keys) =>
        [.. keys.Where(k => k.Length > 0).GroupBy(k => k).Select(g => new Tally(g.Key, g.Count())).OrderByDescending(t => t.Count).ThenBy(t => t.Key, StringComparer.Ordinal)];
}
