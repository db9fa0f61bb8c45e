using Upstream.Applications.Domain;

namespace Upstream.Applications.Selection;

/// <summary>
/// How far a partial cohort has met the area-character minimums, as one small integer: per character the count
/// so far, capped at its minimum (beyond the minimum more makes no difference to what is still needed). Two
/// partial cohorts with the same coverage are interchangeable for every later choice, which is what lets the
/// search keep only the best of each.
/// </summary>
internal sealed class CharacterCoverage
{
    private readonly AreaCharacter[] _characters;
    private readonly int[] _caps;
    private readonly int[] _radix;
    private readonly int[] _afterMask;
    private readonly int[] _digits;

    public CharacterCoverage(IReadOnlyList<CharacterQuota> minimums)
    {
        var quotas = Binding(minimums);
        _characters = [.. quotas.Select(q => q.Character)];
        _caps = [.. quotas.Select(q => q.Minimum)];
        _radix = new int[_caps.Length];
        States = 1;
        for (var i = 0; i < _caps.Length; i++)
        {
            _radix[i] = States;
            States *= _caps[i] + 1;
        }

        Full = Enumerable.Range(0, _caps.Length).Sum(i => _caps[i] * _radix[i]);
        _digits = new int[States * _caps.Length];
        for (var c = 0; c < States; c++)
        {
            for (var i = 0; i < _caps.Length; i++)
            {
                _digits[(c * _caps.Length) + i] = c / _radix[i] % (_caps[i] + 1);
            }
        }

        _afterMask = new int[8 * States];
        for (var mask = 0; mask < 8; mask++)
        {
            for (var c = 0; c < States; c++)
            {
                _afterMask[(mask * States) + c] = Add(c, (AreaCharacter)mask);
            }
        }
    }

    /// <summary>How many distinct coverages these minimums give, without building anything.</summary>
    public static long StatesFor(IReadOnlyList<CharacterQuota> minimums) => Binding(minimums).Aggregate(1L, (n, q) => n * (q.Minimum + 1));

    /// <summary>The minimums that bind: one per character (the highest if given twice), zeros left out.</summary>
    private static (AreaCharacter Character, int Minimum)[] Binding(IReadOnlyList<CharacterQuota> minimums) =>
        [.. minimums.Where(q => q.Minimum > 0 && q.Character != AreaCharacter.None).GroupBy(q => q.Character).Select(g => (g.Key, g.Max(q => q.Minimum)))];

    /// <summary>How many distinct coverages there are.</summary>
    public int States { get; }

    /// <summary>The coverage where every minimum is met.</summary>
    public int Full { get; }

    /// <summary>The coverage after adding one application with these characters.</summary>
    public int After(int coverage, AreaCharacter characters) => _afterMask[((int)characters * States) + coverage];

    /// <summary>The coverage of two disjoint groups of applications together.</summary>
    public int Combine(int a, int b)
    {
        var result = 0;
        for (var i = 0; i < _caps.Length; i++)
        {
            result += Math.Min(Digit(a, i) + Digit(b, i), _caps[i]) * _radix[i];
        }

        return result;
    }

    /// <summary>Whether coverage a has at least as much of every character as b.</summary>
    public bool Covers(int a, int b)
    {
        for (var i = 0; i < _caps.Length; i++)
        {
            if (Digit(a, i) < Digit(b, i))
            {
                return false;
            }
        }

        return true;
    }

    private int Add(int coverage, AreaCharacter characters)
    {
        for (var i = 0; i < _caps.Length; i++)
        {
            if (characters.HasFlag(_characters[i]) && Digit(coverage, i) < _caps[i])
            {
                coverage += _radix[i];
            }
        }

        return coverage;
    }

    private int Digit(int coverage, int i) => _digits[(coverage * _caps.Length) + i];
}
