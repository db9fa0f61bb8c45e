using System.Globalization;
using Upstream.Applications.Domain;

namespace Upstream.Applications.Selection;

/// <summary>
/// Says why each application is or is not in the cohort, by looking at single exchanges with the chosen ones.
/// Because the cohort is optimal, exchanging a left-out application for a worse-ranked chosen one always breaks
/// a quota, and the explanation names that quota; if it ever did not, the selection would be wrong, so that is
/// treated as a defect rather than explained away.
/// </summary>
internal sealed class CohortExplainer(CohortRequest request, IReadOnlyList<Candidate> ranked, IReadOnlyList<Candidate> cohort, ISet<Guid> pins, ISet<Guid> exclusions, bool feasible)
{
    private readonly Dictionary<Guid, int> _rank = ranked.Select((c, i) => (c.Id, Rank: i + 1)).ToDictionary(p => p.Id, p => p.Rank);
    private readonly HashSet<Guid> _chosen = [.. cohort.Select(c => c.Id)];
    private readonly Dictionary<string, Candidate> _chosenByCouncil = cohort.ToDictionary(c => c.CouncilCode, StringComparer.Ordinal);
    private readonly Dictionary<string, RegionQuota> _regions = request.Quotas.Regions.ToDictionary(q => q.Region, StringComparer.Ordinal);
    private readonly List<CharacterQuota> _characters = [.. request.Quotas.Characters.Where(q => q.Minimum > 0)];

    public IReadOnlyList<Explanation> Explain()
    {
        var explanations = ranked.Select(Explain).ToList();
        explanations.AddRange(request.Candidates.Where(c => !_rank.ContainsKey(c.Id)).Select(c => exclusions.Contains(c.Id)
            ? Make(c, CohortReason.ExcludedByStaff, "Excluded by staff.")
            : Make(c, CohortReason.NotEligible, c.Ineligibility!)));
        return explanations;
    }

    private Explanation Explain(Candidate candidate)
    {
        if (!feasible)
        {
            return Make(candidate, CohortReason.NoCohort, "No cohort was proposed: the quotas cannot all be met.");
        }

        if (_chosen.Contains(candidate.Id))
        {
            return pins.Contains(candidate.Id) ? Make(candidate, CohortReason.Pinned, "Pinned by staff.") : ExplainChosen(candidate);
        }

        if (_chosenByCouncil.ContainsKey(candidate.CouncilCode))
        {
            return Make(candidate, CohortReason.CouncilAlreadyChosen, $"Another application led by {candidate.Name} is in the cohort; a council leads at most one.");
        }

        var worse = cohort.Where(c => !pins.Contains(c.Id) && _rank[c.Id] > _rank[candidate.Id]).ToList();
        if (worse.Count == 0)
        {
            var pinnedBelow = cohort.Any(c => pins.Contains(c.Id) && _rank[c.Id] > _rank[candidate.Id]) ? " or to applications staff pinned" : "";
            return Make(candidate, CohortReason.Outscored, cohort.Any(c => c.Region == candidate.Region)
                ? $"Outscored within {candidate.Region}: the places it could take went to better-ranked applications{pinnedBelow} (the lowest chosen scored {Points(cohort.Min(c => c.ScoreMilli))})."
                : $"Outscored: every place it could take went to a better-ranked application{pinnedBelow} (the lowest chosen scored {Points(cohort.Min(c => c.ScoreMilli))}).");
        }

        var region = _regions.GetValueOrDefault(candidate.Region);
        var full = region is not null && Count(candidate.Region) >= region.Maximum;
        var worseHere = worse.Where(c => c.Region == candidate.Region).ToList();
        if (full && worseHere.Count == 0)
        {
            return Make(candidate, CohortReason.RegionFull, $"{candidate.Region} already has its maximum of {region!.Maximum}, taken by better-ranked or pinned applications.");
        }

        var weakest = (full ? worseHere : worse)[^1];
        return Make(candidate, CohortReason.QuotaConflict, $"Ranks above {weakest.Name}, which was chosen, but exchanging the two would break {Broken(candidate, weakest)}.");
    }

    private Explanation ExplainChosen(Candidate chosen)
    {
        var passedOver = ranked.FirstOrDefault(c => _rank[c.Id] < _rank[chosen.Id] && !_chosen.Contains(c.Id)
            && (!_chosenByCouncil.TryGetValue(c.CouncilCode, out var same) || same.Id == chosen.Id));
        return passedOver is null
            ? Make(chosen, CohortReason.ChosenOnScore, $"Chosen on score: ranked {_rank[chosen.Id]} of {ranked.Count}.")
            : Make(chosen, CohortReason.ChosenForQuota, $"Chosen although {passedOver.Name} ranks higher (score {Points(passedOver.ScoreMilli)}): exchanging the two would break {Broken(passedOver, chosen)}.");
    }

    /// <summary>The quota that taking <paramref name="into"/> in place of <paramref name="outOf"/> would break.</summary>
    private string Broken(Candidate into, Candidate outOf)
    {
        if (into.Region != outOf.Region)
        {
            if (_regions.GetValueOrDefault(outOf.Region) is { } leaving && Count(outOf.Region) - 1 < leaving.Minimum)
            {
                return $"the minimum of {leaving.Minimum} for {outOf.Region}";
            }

            if (_regions.GetValueOrDefault(into.Region) is { } joining && Count(into.Region) + 1 > joining.Maximum)
            {
                return $"the maximum of {joining.Maximum} for {into.Region}";
            }
        }

        foreach (var quota in _characters)
        {
            var after = cohort.Count(c => c.Characters.HasFlag(quota.Character)) - (outOf.Characters.HasFlag(quota.Character) ? 1 : 0) + (into.Characters.HasFlag(quota.Character) ? 1 : 0);
            if (after < quota.Minimum)
            {
                return $"the {QuotaDiagnosis.Name(quota.Character)} minimum of {quota.Minimum}";
            }
        }

        throw new InvalidOperationException($"Exchanging {into.Id} for {outOf.Id} keeps every quota and scores no worse: the selection is not optimal.");
    }

    private int Count(string region) => cohort.Count(c => c.Region == region);

    private Explanation Make(Candidate candidate, CohortReason reason, string text) =>
        new(candidate.Id, _chosen.Contains(candidate.Id), reason, text, _rank.GetValueOrDefault(candidate.Id), candidate.ScoreMilli);

    private static string Points(long milli) => (milli / 1000m).ToString("0.###", CultureInfo.InvariantCulture);
}
