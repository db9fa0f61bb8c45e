using Upstream.Domain.Refusals;

namespace Upstream.Applications.Selection;

/// <summary>
/// Chooses exactly the target number of applications with the highest total score that meets every quota: each
/// region's minimum and maximum, each area character's minimum (an application counts for every character it
/// has), at most one lead application per council, every staff pin in and every exclusion out. The search is
/// exact (see <see cref="QuotaSearch"/>), so no other cohort meeting the quotas scores more.
/// <para>Ties: applications are ranked by score (higher first), then submission (earlier first), then id. Of two
/// cohorts with the same total, the one holding the better-ranked application at the first rank where they
/// differ is chosen, so the same input always gives the same cohort.</para>
/// </summary>
public static class CohortSelector
{
    public static CohortSelection Select(CohortRequest request)
    {
        var pins = request.Pins.ToHashSet();
        var exclusions = request.Exclusions.ToHashSet();
        Validate(request);
        var ranked = request.Candidates
            .Where(c => c.Ineligibility is null && !exclusions.Contains(c.Id))
            .OrderByDescending(c => c.ScoreMilli).ThenBy(c => c.SubmittedAt).ThenBy(c => c.Id)
            .ToList();
        var problem = Problem(request, ranked, pins);
        QuotaSearch.EnsureTractable(problem);
        var unmet = QuotaDiagnosis.Evident(request, ranked, problem);
        var chosen = unmet.Count == 0 ? QuotaSearch.Solve(problem) : null;
        if (unmet.Count == 0 && chosen is null)
        {
            unmet = QuotaDiagnosis.Conflicting(request, problem);
        }

        var cohort = chosen?.Select(i => ranked[i]).ToList() ?? [];
        var explanations = new CohortExplainer(request, ranked, cohort, pins, exclusions, chosen is not null).Explain();
        return new CohortSelection([.. cohort.Select(c => c.Id)], cohort.Sum(c => c.ScoreMilli), unmet, explanations);
    }

    /// <summary>Pins and exclusions must name applications that can be chosen; nothing is both.</summary>
    private static void Validate(CohortRequest request)
    {
        var byId = new Dictionary<Guid, Candidate>();
        foreach (var candidate in request.Candidates)
        {
            if (!byId.TryAdd(candidate.Id, candidate))
            {
                throw new ArgumentException($"Candidate {candidate.Id} appears twice.", nameof(request));
            }
        }

        var councils = request.Candidates.GroupBy(c => c.CouncilCode, StringComparer.Ordinal).Where(g => g.Select(c => c.Region).Distinct(StringComparer.Ordinal).Count() > 1);
        if (councils.Any())
        {
            throw new ArgumentException("A council's applications must all be in the council's one region.", nameof(request));
        }

        var v = new Violations();
        var pins = request.Pins.ToList();
        var exclusions = request.Exclusions.ToList();
        for (var i = 0; i < pins.Count; i++)
        {
            var found = byId.GetValueOrDefault(pins[i]);
            v.Require(found is not null, $"pinned_application_ids[{i}]", "No application in the running has this id.");
            v.Require(found?.Ineligibility is null, $"pinned_application_ids[{i}]", $"Cannot be pinned: {found?.Ineligibility}");
        }

        for (var i = 0; i < exclusions.Count; i++)
        {
            v.Require(byId.ContainsKey(exclusions[i]), $"excluded_application_ids[{i}]", "No application in the running has this id.");
            v.Require(!pins.Contains(exclusions[i]), $"excluded_application_ids[{i}]", "An application cannot be both pinned and excluded.");
        }

        v.ThrowIfAny();
    }

    /// <summary>Each region with a quota is a band of its own; every other region shares one band bound only by the cohort size.</summary>
    private static SearchProblem Problem(CohortRequest request, IReadOnlyList<Candidate> ranked, HashSet<Guid> pins)
    {
        var quotas = request.Quotas.Regions.ToDictionary(q => q.Region, StringComparer.Ordinal);
        var bands = request.Quotas.Regions
            .Select(q => new Band(q.Region, q.Minimum, q.Maximum, Councils(ranked, c => c.Region == q.Region)))
            .Append(new Band(null, 0, request.TargetSize, Councils(ranked, c => !quotas.ContainsKey(c.Region))))
            .ToList();
        return new SearchProblem(
            request.TargetSize,
            [.. ranked.Select(c => c.ScoreMilli)],
            [.. ranked.Select(c => c.Characters)],
            [.. ranked.Select(c => pins.Contains(c.Id))],
            bands,
            request.Quotas.Characters);
    }

    private static List<int[]> Councils(IReadOnlyList<Candidate> ranked, Func<Candidate, bool> inBand) =>
        [.. Enumerable.Range(0, ranked.Count).Where(i => inBand(ranked[i])).GroupBy(i => ranked[i].CouncilCode, StringComparer.Ordinal).Select(g => g.ToArray())];
}
