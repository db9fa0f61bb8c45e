using Upstream.Applications.Domain;
using Upstream.Applications.Selection;

namespace Upstream.Applications.Tests.Selection;

/// <summary>
/// Small seeded selections with the awkward features on purpose: few distinct scores and submission times (ties),
/// councils with two applications, several characters per application, regions without a quota, pins and
/// exclusions, and quotas that are often impossible.
/// </summary>
internal static class RandomCases
{
    private static readonly string[] Regions = ["North East", "Wales", "London", "Scotland"];

    public static CohortRequest Make(int seed)
    {
        var random = new Random(seed);
        var count = random.Next(5, 13);
        var regions = random.Next(1, Regions.Length + 1); // one region: many councils compete within a band
        var councils = Enumerable.Range(0, count - random.Next(0, 3)).Select(i => ($"C{i:00}", Regions[random.Next(regions)])).ToList();
        var candidates = Enumerable.Range(0, count).Select(i =>
        {
            var (code, region) = councils[i < councils.Count ? i : random.Next(councils.Count)];
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Candidate(
                new Guid(bytes),
                $"Council {code}",
                code,
                region,
                (AreaCharacter)random.Next(1, 8),
                random.Next(0, 5) * 1000L,
                new DateTimeOffset(2024, 7, 1, 9, 0, 0, TimeSpan.Zero).AddHours(random.Next(0, 3)),
                random.Next(10) == 0 ? "No counting review yet." : null);
        }).ToList();
        var size = random.Next(1, Math.Min(6, count) + 1);
        var regionQuotas = Regions.Take(regions).Where(_ => random.Next(3) > 0).Select(r =>
        {
            var minimum = random.Next(0, 2);
            return new RegionQuota(r, minimum, minimum + random.Next(0, 3));
        }).ToList();
        var characterQuotas = new[] { AreaCharacter.Urban, AreaCharacter.Rural, AreaCharacter.Coastal }
            .Where(_ => random.Next(2) == 0).Select(c => new CharacterQuota(c, random.Next(0, 3))).ToList();
        var eligible = candidates.Where(c => c.Ineligibility is null).Select(c => c.Id).OrderBy(_ => random.Next()).ToList();
        var pins = eligible.Take(random.Next(0, 3)).ToList();
        var exclusions = eligible.Skip(pins.Count).Take(random.Next(0, 3)).ToList();
        return new CohortRequest(size, new SelectionQuotas(regionQuotas, characterQuotas), candidates, pins, exclusions);
    }
}
