using Upstream.Applications.Selection;

namespace Upstream.Applications.Tests.Selection;

/// <summary>
/// The reference the exact selector is checked against: every subset of the right size, kept if it meets every
/// rule, the best by total and then by the documented tie-break (better-ranked application at the first rank
/// where two cohorts differ). Only usable on small cases, which is the point.
/// </summary>
internal static class BruteForce
{
    public static IReadOnlyList<Guid>? Best(CohortRequest request)
    {
        var ranked = request.Candidates
            .Where(c => c.Ineligibility is null && !request.Exclusions.Contains(c.Id))
            .OrderByDescending(c => c.ScoreMilli).ThenBy(c => c.SubmittedAt).ThenBy(c => c.Id)
            .ToList();
        int[]? best = null;
        long bestScore = 0;
        foreach (var subset in Subsets(ranked.Count, request.TargetSize))
        {
            var cohort = subset.Select(i => ranked[i]).ToList();
            if (!MeetsEveryRule(request, cohort))
            {
                continue;
            }

            var score = cohort.Sum(c => c.ScoreMilli);
            if (best is null || score > bestScore || (score == bestScore && subset.SequenceEqual(Earlier(subset, best))))
            {
                (best, bestScore) = (subset, score);
            }
        }

        return best?.Select(i => ranked[i].Id).ToList();
    }

    private static bool MeetsEveryRule(CohortRequest request, List<Candidate> cohort) =>
        request.Pins.All(p => cohort.Any(c => c.Id == p))
        && cohort.Select(c => c.CouncilCode).Distinct().Count() == cohort.Count
        && request.Quotas.Regions.All(q => cohort.Count(c => c.Region == q.Region) is var n && n >= q.Minimum && n <= q.Maximum)
        && request.Quotas.Characters.All(q => cohort.Count(c => c.Characters.HasFlag(q.Character)) >= q.Minimum);

    /// <summary>Of two ascending rank lists, the one holding the better rank at the first difference.</summary>
    private static int[] Earlier(int[] a, int[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return a[i] < b[i] ? a : b;
            }
        }

        return a;
    }

    /// <summary>Every ascending k-subset of 0..n-1.</summary>
    private static IEnumerable<int[]> Subsets(int n, int k)
    {
        var picked = new int[k];
        IEnumerable<int[]> From(int start, int depth)
        {
            if (depth == k)
            {
                yield return (int[])picked.Clone();
                yield break;
            }

            for (var i = start; i <= n - (k - depth); i++)
            {
                picked[depth] = i;
                foreach (var subset in From(i + 1, depth + 1))
                {
                    yield return subset;
                }
            }
        }

        return From(0, 0);
    }
}
