using Upstream.Applications.Domain;
using Upstream.Domain.Refusals;

namespace Upstream.Applications.Selection;

/// <summary>
/// Exact selection by dynamic programming over quota state. Within a band (a region), councils are taken one at a
/// time and the best set is kept for every (places taken, character coverage); bands are then combined into the
/// best set for every (cohort places, coverage). Two partial cohorts in the same state face exactly the same
/// future, so keeping only the better of them loses nothing, and the answer is the best set in the state
/// "every place filled, every minimum met". Region minimums and maximums bound the counts a band may contribute.
/// "Better" is a higher total, then, on equal totals, the set that contains the better-ranked application at the
/// first rank where they differ; adding the same applications to two sets keeps their order, so the tie-break
/// survives the decomposition and the result is the unique best cohort under that rule.
/// <para>Two reductions keep it fast without giving up exactness. In a band, an application ranked below as many
/// councils with exactly its characters as the band has places is never needed: one of those councils is always
/// free to take its place with no loss. And a state is dropped when another with the same count covers at least
/// as much of every character with a better total (or the same total and a preceding set): whatever completes
/// the one completes the other at least as well.</para>
/// </summary>
internal static class QuotaSearch
{
    private const long Unreachable = long.MinValue;

    // The tables hold a set of up to `size` ranks for every (count, coverage): about 64 MB each at this bound, which
    // a cohort of 20 never approaches (at most 21 × 9,261 coverages × 20) but very large cohorts with high
    // character minimums would pass.
    private const long MaxSetCells = 16_000_000;

    /// <summary>Refuses up front a search too large to run here, rather than exhausting memory part way.</summary>
    public static void EnsureTractable(SearchProblem problem)
    {
        var coverages = CharacterCoverage.StatesFor(problem.Minimums);
        if ((problem.Size + 1) * coverages * Math.Max(problem.Size, 1) > MaxSetCells)
        {
            throw new DomainRuleException("cohort.search_too_large", $"A cohort of {problem.Size} with these area-character minimums is too large to search exactly; lower the minimums or the cohort size.");
        }
    }

    /// <summary>The chosen applications by rank, ascending; null when no cohort meets every quota.</summary>
    public static int[]? Solve(SearchProblem problem) => Run(problem, keepSets: true);

    /// <summary>Whether any cohort meets every quota (used to find which quotas conflict; skips the bookkeeping of sets).</summary>
    public static bool IsFeasible(SearchProblem problem) => Run(problem, keepSets: false) is not null;

    private static int[]? Run(SearchProblem problem, bool keepSets)
    {
        var coverage = new CharacterCoverage(problem.Minimums);
        var size = problem.Size;
        var bands = problem.Bands;

        // What the bands after this one can still add, so states that can no longer end at exactly `size` are dropped.
        var laterMinimum = new int[bands.Count + 1];
        var laterMaximum = new int[bands.Count + 1];
        for (var b = bands.Count - 1; b >= 0; b--)
        {
            laterMinimum[b] = laterMinimum[b + 1] + bands[b].Minimum;
            laterMaximum[b] = laterMaximum[b + 1] + Math.Min(Math.Min(bands[b].Maximum, size), bands[b].Councils.Count);
        }

        var cohort = new Table(size, coverage.States, size, keepSets);
        cohort.Score[0] = 0;
        var next = new Table(size, coverage.States, size, keepSets);
        for (var b = 0; b < bands.Count; b++)
        {
            var band = BandTable(problem, bands[b], coverage, keepSets);
            band.KeepFrontier(coverage);
            var options = band.ReachableFrom(bands[b].Minimum);
            next.Clear();
            for (var g = 0; g < cohort.Score.Length; g++)
            {
                if (cohort.Score[g] == Unreachable)
                {
                    continue;
                }

                var taken = g / coverage.States;
                foreach (var r in options)
                {
                    var count = taken + (r / coverage.States);
                    if (count + laterMinimum[b + 1] > size || count + laterMaximum[b + 1] < size)
                    {
                        continue;
                    }

                    var target = (count * coverage.States) + coverage.Combine(g % coverage.States, r % coverage.States);
                    var candidate = cohort.Score[g] + band.Score[r];
                    if (candidate > next.Score[target]
                        || (keepSets && candidate == next.Score[target] && SortedSets.UnionPrecedes(cohort.Set(g), band.Set(r), next.Set(target))))
                    {
                        next.Score[target] = candidate;
                        if (keepSets)
                        {
                            SortedSets.Union(cohort.Set(g), band.Set(r), next.Set(target));
                        }
                    }
                }
            }

            next.KeepFrontier(coverage);
            (cohort, next) = (next, cohort);
        }

        var full = (size * coverage.States) + coverage.Full;
        return cohort.Score[full] == Unreachable ? null : keepSets ? cohort.Set(full).ToArray() : [];
    }

    /// <summary>The best set of each (count, coverage) one band can contribute, at most one application per council.</summary>
    private static Table BandTable(SearchProblem problem, Band band, CharacterCoverage coverage, bool keepSets)
    {
        var most = Math.Min(Math.Min(band.Maximum, problem.Size), band.Councils.Count);
        var current = new Table(most, coverage.States, problem.Size, keepSets);
        current.Clear();
        current.Score[0] = 0;
        var next = new Table(most, coverage.States, problem.Size, keepSets);
        var growing = most * coverage.States; // states that still have room for one more
        foreach (var council in Contenders(problem, band, most))
        {
            var pinned = council.Where(i => problem.Pinned[i]).ToArray();
            if (pinned.Length > 0)
            {
                // A pinned application must be in; its council's others cannot be (and two pins from one council never fit).
                next.Clear();
            }
            else
            {
                next.CopyFrom(current);
            }

            foreach (var item in pinned.Length == 1 ? pinned : pinned.Length == 0 ? council : [])
            {
                var score = problem.Scores[item];
                var characters = problem.Characters[item];
                for (var s = 0; s < growing; s++)
                {
                    if (current.Score[s] == Unreachable)
                    {
                        continue;
                    }

                    var c = s % coverage.States;
                    var target = s - c + coverage.States + coverage.After(c, characters);
                    var candidate = current.Score[s] + score;
                    if (candidate > next.Score[target]
                        || (keepSets && candidate == next.Score[target] && SortedSets.InsertPrecedes(current.Set(s), item, next.Set(target))))
                    {
                        next.Score[target] = candidate;
                        if (keepSets)
                        {
                            SortedSets.Insert(current.Set(s), item, next.Set(target));
                        }
                    }
                }
            }

            (current, next) = (next, current);
        }

        return current;
    }

    /// <summary>
    /// The councils and applications of a band that can be in the best cohort: pinned ones, and those ranked within the
    /// first <paramref name="places"/> councils among applications with exactly the same characters.
    /// </summary>
    private static IEnumerable<int[]> Contenders(SearchProblem problem, Band band, int places)
    {
        var councilsSeen = new HashSet<(int Council, AreaCharacter Characters)>();
        var perCharacters = new Dictionary<AreaCharacter, int>();
        var keep = new HashSet<int>();
        foreach (var (council, item) in band.Councils.SelectMany((items, c) => items.Select(i => (c, i))).OrderBy(p => p.i))
        {
            var characters = problem.Characters[item];
            if (councilsSeen.Add((council, characters)))
            {
                perCharacters[characters] = perCharacters.GetValueOrDefault(characters) + 1;
            }

            if (problem.Pinned[item] || perCharacters[characters] <= places)
            {
                keep.Add(item);
            }
        }

        return band.Councils.Select(items => items.Where(keep.Contains).ToArray()).Where(items => items.Length > 0);
    }

    /// <summary>A score and (optionally) the set achieving it for every state; a state is count × coverages + coverage.</summary>
    private sealed class Table
    {
        private readonly int _coverages;
        private readonly int _stride;
        private readonly int[]? _sets;

        public Table(int maxCount, int coverages, int stride, bool keepSets)
        {
            _coverages = coverages;
            _stride = stride;
            Score = new long[(maxCount + 1) * coverages];
            _sets = keepSets ? new int[Score.Length * stride] : null;
            Clear();
        }

        public long[] Score { get; }

        public void Clear() => Array.Fill(Score, Unreachable);

        public void CopyFrom(Table other)
        {
            Array.Copy(other.Score, Score, Score.Length);
            if (_sets is not null)
            {
                Array.Copy(other._sets!, _sets, _sets.Length);
            }
        }

        /// <summary>The set in a state: as many ranks as the state's count, ascending.</summary>
        public Span<int> Set(int state) => _sets.AsSpan(state * _stride, state / _coverages);

        /// <summary>Drops every state another state of the same count dominates (see the class summary).</summary>
        public void KeepFrontier(CharacterCoverage coverage)
        {
            var kept = new List<int>();
            for (var start = 0; start < Score.Length; start += _coverages)
            {
                var states = Enumerable.Range(start, _coverages).Where(s => Score[s] != Unreachable).ToList();
                states.Sort((a, b) => Score[a] != Score[b] ? Score[b].CompareTo(Score[a]) : _sets is null ? a.CompareTo(b) : SortedSets.Compare(Set(a), Set(b)));
                kept.Clear();
                foreach (var state in states)
                {
                    if (kept.Exists(k => coverage.Covers(k % _coverages, state % _coverages)))
                    {
                        Score[state] = Unreachable;
                    }
                    else
                    {
                        kept.Add(state);
                    }
                }
            }
        }

        public int[] ReachableFrom(int minimumCount) =>
            [.. Enumerable.Range(minimumCount * _coverages, Math.Max(0, Score.Length - (minimumCount * _coverages))).Where(s => Score[s] != Unreachable)];
    }
}
