namespace Upstream.Insights.Domain;

/// <summary>Driver, barrier and enabler counts for one theme, region, area character, phase or month.</summary>
public sealed record PatternCount(string Key, int Drivers, int Barriers, int Enablers);

/// <summary>A barrier and how many different councils reported it (the same wording, case and spacing aside).</summary>
public sealed record FrequentBarrier(string Theme, string Text, int Councils)
{
    /// <summary>The barriers a view lists, most councils first.</summary>
    public const int Listed = 10;
}

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

/// <summary>What a reader narrows the patterns to (compared without case); empty means any.</summary>
public sealed record PatternFilter(string Theme, string Region, string AreaCharacter, string Phase);

/// <summary>The findings' counts summed for one key of one facet (theme, region, ...), as the database keeps them.</summary>
public sealed record FacetCount(string Facet, string Key, int Drivers, int Barriers, int Enablers)
{
    public const string Theme = "theme";
    public const string Region = "region";
    public const string AreaCharacter = "area character";
    public const string Phase = "phase";
    public const string Month = "month";
    public const string Dimension = "dimension";
}

/// <summary>
/// The patterns in the network's findings, assembled from counts kept as findings arrive (so a view's cost does not
/// grow with the store), the most frequent barriers and each dimension's most recent findings.
/// </summary>
public sealed record Patterns(
    IReadOnlyList<PatternCount> ByTheme,
    IReadOnlyList<PatternCount> ByRegion,
    IReadOnlyList<PatternCount> ByAreaCharacter,
    IReadOnlyList<PatternCount> ByPhase,
    IReadOnlyList<PatternCount> ByMonth,
    IReadOnlyList<FrequentBarrier> FrequentBarriers,
    IReadOnlyList<DimensionView> OperatingModel)
{
    /// <param name="counts">The filtered findings' counts per facet and key (keys already grouped without case).</param>
    /// <param name="barriers">The filtered findings' most frequent barriers.</param>
    /// <param name="recent">Each dimension's most recent filtered findings, newest first.</param>
    public static Patterns Of(IReadOnlyList<FacetCount> counts, IReadOnlyList<FrequentBarrier> barriers, IReadOnlyDictionary<string, IReadOnlyList<Evidence>> recent) =>
        new(
            Ranked(counts, FacetCount.Theme),
            Ranked(counts, FacetCount.Region),
            Ranked(counts, FacetCount.AreaCharacter),
            Ranked(counts, FacetCount.Phase),
            [.. Of(counts, FacetCount.Month).OrderBy(c => c.Key, StringComparer.Ordinal)],
            [.. barriers.OrderByDescending(b => b.Councils).ThenBy(b => b.Text, StringComparer.Ordinal).Take(FrequentBarrier.Listed)],
            [.. NewOperatingModels.Dimensions.Select(d => new DimensionView(
                d,
                Of(counts, FacetCount.Dimension).FirstOrDefault(c => c.Key == d) ?? new PatternCount(d, 0, 0, 0),
                [.. recent.GetValueOrDefault(d, []).Take(DimensionView.ListedFindings)]))]);

    private static List<PatternCount> Ranked(IReadOnlyList<FacetCount> counts, string facet) =>
        [.. Of(counts, facet).OrderByDescending(c => c.Drivers + c.Barriers + c.Enablers).ThenBy(c => c.Key, StringComparer.Ordinal)];

    private static IEnumerable<PatternCount> Of(IReadOnlyList<FacetCount> counts, string facet) =>
        counts.Where(c => c.Facet == facet).Select(c => new PatternCount(c.Key, c.Drivers, c.Barriers, c.Enablers));
}
