using Upstream.Domain.Time;

namespace Upstream.Insights.Domain;

/// <summary>Driver, barrier and enabler counts for one theme, region, area character, phase or month.</summary>
public sealed record PatternCount(string Key, int Drivers, int Barriers, int Enablers);

/// <summary>A barrier and how many different councils reported it (the same wording, case and spacing aside).</summary>
public sealed record FrequentBarrier(string Theme, string Text, int Councils);

/// <summary>What the network found on one dimension of the New Operating Models framework: the counts of every finding on it, and the most recent findings themselves.</summary>
public sealed record DimensionView(string Dimension, PatternCount Counts, IReadOnlyList<Evidence> Findings)
{
    /// <summary>
    /// The findings a view lists per dimension. Every finding listed made the reply grow with the evidence store
    /// (about 100 KiB per 1,000 findings, past gRPC's 4 MiB default at some 40,000) and each read slower; the
    /// counts still cover them all.
    /// </summary>
    public const int ListedFindings = 25;
}

/// <summary>What a reader narrows the patterns to; empty means any.</summary>
public sealed record PatternFilter(string Theme, string Region, string AreaCharacter, string Phase)
{
    public bool Admits(Evidence e) =>
        (Theme.Length == 0 || string.Equals(e.Theme, Theme, StringComparison.OrdinalIgnoreCase))
        && (Region.Length == 0 || string.Equals(e.Region, Region, StringComparison.OrdinalIgnoreCase))
        && (AreaCharacter.Length == 0 || e.AreaCharacters.Contains(AreaCharacter, StringComparer.OrdinalIgnoreCase))
        && (Phase.Length == 0 || string.Equals(e.Phase, Phase, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The patterns in the network's findings: computed from the evidence store on each read (it is small).</summary>
public sealed record Patterns(
    IReadOnlyList<PatternCount> ByTheme,
    IReadOnlyList<PatternCount> ByRegion,
    IReadOnlyList<PatternCount> ByAreaCharacter,
    IReadOnlyList<PatternCount> ByPhase,
    IReadOnlyList<PatternCount> ByMonth,
    IReadOnlyList<FrequentBarrier> FrequentBarriers,
    IReadOnlyList<DimensionView> OperatingModel)
{
    public static Patterns Of(IEnumerable<Evidence> evidence, PatternFilter filter)
    {
        var findings = evidence.Where(e => e.Source == EvidenceSource.Finding && filter.Admits(e)).ToList();
        return new Patterns(
            CountBy(findings, e => [e.Theme]),
            CountBy(findings, e => [e.Region]),
            CountBy(findings, e => e.AreaCharacters),
            CountBy(findings, e => [e.Phase]),
            [.. CountBy(findings, e => [ProgrammeTime.ToLondon(e.OccurredAt).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)]).OrderBy(c => c.Key, StringComparer.Ordinal)],
            MostFrequentBarriers(findings),
            [.. NewOperatingModels.Dimensions.Select(d => View(d, findings))]);
    }

    private static DimensionView View(string dimension, List<Evidence> findings)
    {
        var on = findings.Where(f => f.Dimension == dimension).ToList();
        return new DimensionView(dimension, Count(dimension, on), [.. on.OrderByDescending(f => f.OccurredAt).Take(DimensionView.ListedFindings)]);
    }

    private static List<PatternCount> CountBy(List<Evidence> findings, Func<Evidence, IEnumerable<string>> keys) =>
        [.. findings.SelectMany(f => keys(f).Where(k => k.Length > 0).Select(k => (Key: k, Finding: f)))
            .GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => Count(g.Key, g.Select(p => p.Finding)))
            .OrderByDescending(c => c.Drivers + c.Barriers + c.Enablers).ThenBy(c => c.Key, StringComparer.Ordinal)];

    private static PatternCount Count(string key, IEnumerable<Evidence> findings)
    {
        var list = findings.ToList();
        return new PatternCount(key, list.Count(f => f.Kind == "driver"), list.Count(f => f.Kind == "barrier"), list.Count(f => f.Kind == "enabler"));
    }

    // The same barrier worded identically by several councils is the signal; one council saying it twice is not.
    private static List<FrequentBarrier> MostFrequentBarriers(List<Evidence> findings) =>
        [.. findings.Where(f => f.Kind == "barrier")
            .GroupBy(f => (Theme: f.Theme, Text: Normalised(f.Text)))
            .Select(g => new FrequentBarrier(g.Key.Theme, g.First().Text, g.SelectMany(f => f.CouncilCodes).Distinct().Count()))
            .OrderByDescending(b => b.Councils).ThenBy(b => b.Text, StringComparer.Ordinal)
            .Take(10)];

    private static string Normalised(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
