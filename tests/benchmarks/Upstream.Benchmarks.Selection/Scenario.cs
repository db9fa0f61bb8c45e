using Upstream.Applications.Domain;
using Upstream.Applications.Selection;
using Upstream.Domain.Registry;

namespace Upstream.Benchmarks.Selection;

/// <summary>
/// A synthetic call at the stated scale: applications spread over the registry's twelve regions, each with one to
/// three area characters, scored the way standings are (the mean of three reviewers' weighted totals, in
/// milli-points), and a few councils with a second application.
/// </summary>
internal sealed record Scenario(string Name, string Setting, int Applications, int Size, Func<IReadOnlyList<string>, SelectionQuotas> Quotas, int Pins = 0, int Exclusions = 0, int DistinctTotals = 0, bool Feasible = true)
{
    public static readonly IReadOnlyList<string> Regions =
        [.. LocalAuthorityRegistry.Shipped.All.Select(a => a.Region).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static readonly int[] Weights = [3, 2, 2];

    public CohortRequest Request(int seed)
    {
        var random = new Random(seed);
        var councils = Applications * 95 / 100;
        var candidates = Enumerable.Range(0, Applications).Select(i =>
        {
            var council = i < councils ? i : random.Next(councils);
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Candidate(
                new Guid(bytes),
                $"Council {council:0000}",
                $"C{council:0000}",
                Regions[council % Regions.Count],
                Characters(random),
                Score(random),
                new DateTimeOffset(2024, 7, 15, 11, 0, 0, TimeSpan.Zero).AddSeconds(random.Next(0, 7 * 24 * 3600)));
        }).ToList();
        var shuffled = candidates.Select(c => c.Id).OrderBy(_ => random.Next()).ToList();
        return new CohortRequest(Size, Quotas(Regions), candidates, shuffled.Take(Pins).ToList(), shuffled.Skip(Pins).Take(Exclusions).ToList());
    }

    private static AreaCharacter Characters(Random random)
    {
        var characters = AreaCharacter.None;
        while (characters == AreaCharacter.None)
        {
            characters = (random.Next(100) < 55 ? AreaCharacter.Urban : 0) | (random.Next(100) < 40 ? AreaCharacter.Rural : 0) | (random.Next(100) < 25 ? AreaCharacter.Coastal : 0);
        }

        return characters;
    }

    private long Score(Random random)
    {
        if (DistinctTotals > 0)
        {
            return random.Next(DistinctTotals) * 10_000L; // many applications share a score: the tie-break does the work
        }

        var sum = Enumerable.Range(0, 3).Sum(_ => Weights.Sum(w => w * random.Next(0, 11)));
        return (long)Math.Round(sum * 1000m / 3, MidpointRounding.AwayFromZero);
    }
}
