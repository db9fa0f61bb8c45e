using Upstream.Applications.Domain;

namespace Upstream.Applications.Selection;

/// <summary>
/// Names the quotas that cannot all be met. Evident cases are counted directly (too few councils from a region,
/// too many pins); otherwise quotas are relaxed one at a time, keeping each relaxation that still leaves the
/// selection impossible, until what remains is a smallest set of quotas that conflict: relax any one of them
/// and a cohort exists.
/// </summary>
internal static class QuotaDiagnosis
{
    public static List<UnmetQuota> Evident(CohortRequest request, IReadOnlyList<Candidate> ranked, SearchProblem problem)
    {
        var unmet = new List<UnmetQuota>();
        var size = request.TargetSize;
        var pinned = Enumerable.Range(0, ranked.Count).Where(i => problem.Pinned[i]).Select(i => ranked[i]).ToList();
        if (pinned.Count > size)
        {
            unmet.Add(new("target_cohort_size", $"{pinned.Count} applications are pinned but the cohort has {size} places."));
        }

        foreach (var council in pinned.GroupBy(c => c.CouncilCode, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            unmet.Add(new("one_lead_per_council", $"{council.Count()} pinned applications are led by {council.First().Name}; a council leads at most one application in the cohort."));
        }

        foreach (var band in problem.Bands.Where(b => b.Region is not null))
        {
            var pinnedHere = pinned.Count(c => c.Region == band.Region);
            if (pinnedHere > band.Maximum)
            {
                unmet.Add(new(RegionQuota(band.Region!, "maximum"), $"{pinnedHere} applications from {band.Region} are pinned but its maximum is {band.Maximum}."));
            }

            if (band.Councils.Count < band.Minimum)
            {
                unmet.Add(new(RegionQuota(band.Region!, "minimum"), $"{band.Region} needs at least {band.Minimum} but only {band.Councils.Count} of its councils can be chosen."));
            }
        }

        foreach (var quota in request.Quotas.Characters.Where(q => q.Minimum > 0))
        {
            var councils = ranked.Where(c => c.Characters.HasFlag(quota.Character)).Select(c => c.CouncilCode).Distinct(StringComparer.Ordinal).Count();
            if (councils < quota.Minimum)
            {
                unmet.Add(new(CharacterQuota(quota.Character), $"At least {quota.Minimum} {Name(quota.Character)} applications are needed but only {councils} councils with one can be chosen."));
            }
        }

        var available = ranked.Select(c => c.CouncilCode).Distinct(StringComparer.Ordinal).Count();
        if (available < size)
        {
            unmet.Add(new("target_cohort_size", $"The cohort has {size} places but only {available} councils can be chosen."));
        }
        else if (problem.Bands.Sum(b => Math.Min(b.Maximum, b.Councils.Count)) is var room && room < size)
        {
            unmet.Add(new("quotas.regions", $"The regions' maximums leave room for at most {room} of the {size} places."));
        }

        return unmet;
    }

    public static List<UnmetQuota> Conflicting(CohortRequest request, SearchProblem problem)
    {
        var conflicting = new List<Relaxation>();
        var current = problem;
        foreach (var relaxation in Relaxations(problem))
        {
            var relaxed = relaxation.Apply(current);
            if (QuotaSearch.IsFeasible(relaxed))
            {
                conflicting.Add(relaxation);
            }
            else
            {
                current = relaxed;
            }
        }

        if (conflicting.Count == 0)
        {
            return [new("target_cohort_size", $"No cohort of {request.TargetSize} can be formed from the applications that can be chosen.")];
        }

        return [.. conflicting.Select(q => new UnmetQuota(q.Quota, conflicting.Count == 1
            ? $"{Capitalise(q.Phrase)} cannot be met by the applications that can be chosen."
            : $"{Capitalise(q.Phrase)} cannot be met together with {string.Join(" and ", conflicting.Where(o => o != q).Select(o => o.Phrase))}."))];
    }

    public static string RegionQuota(string region, string bound) => $"quotas.regions[{region}].{bound}";

    public static string CharacterQuota(AreaCharacter character) => $"quotas.characters[{Name(character)}].minimum";

    public static string Name(AreaCharacter character) => character.ToString().ToLowerInvariant();

    private static IEnumerable<Relaxation> Relaxations(SearchProblem problem)
    {
        for (var b = 0; b < problem.Bands.Count; b++)
        {
            var band = problem.Bands[b];
            var index = b;
            if (band.Region is null)
            {
                continue;
            }

            if (band.Minimum > 0)
            {
                yield return new(RegionQuota(band.Region, "minimum"), $"the minimum of {band.Minimum} for {band.Region}", p => p.WithBand(index, p.Bands[index] with { Minimum = 0 }));
            }

            if (band.Maximum < problem.Size)
            {
                yield return new(RegionQuota(band.Region, "maximum"), $"the maximum of {band.Maximum} for {band.Region}", p => p.WithBand(index, p.Bands[index] with { Maximum = p.Size }));
            }
        }

        foreach (var quota in problem.Minimums.Where(q => q.Minimum > 0))
        {
            yield return new(CharacterQuota(quota.Character), $"the {Name(quota.Character)} minimum of {quota.Minimum}", p => p with { Minimums = [.. p.Minimums.Where(m => m != quota)] });
        }
    }

    private static string Capitalise(string phrase) => string.Concat(phrase[..1].ToUpperInvariant(), phrase[1..]);

    private sealed record Relaxation(string Quota, string Phrase, Func<SearchProblem, SearchProblem> Apply);
}
