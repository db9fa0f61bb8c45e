namespace Upstream.Applications.Selection;

/// <summary>
/// Sets of ranks kept sorted ascending. "Precedes" is the tie-break between two sets of the same size: at the
/// first position where they differ, the one holding the better (lower) rank wins.
/// </summary>
internal static class SortedSets
{
    public static void Insert(ReadOnlySpan<int> set, int item, Span<int> into)
    {
        var i = 0;
        var o = 0;
        while (i < set.Length && set[i] < item)
        {
            into[o++] = set[i++];
        }

        into[o++] = item;
        set[i..].CopyTo(into[o..]);
    }

    /// <summary>Whether set ∪ {item} precedes other (which has one more element than set).</summary>
    public static bool InsertPrecedes(ReadOnlySpan<int> set, int item, ReadOnlySpan<int> other)
    {
        var i = 0;
        var inserted = false;
        for (var o = 0; o < other.Length; o++)
        {
            int next;
            if (!inserted && (i == set.Length || item < set[i]))
            {
                next = item;
                inserted = true;
            }
            else
            {
                next = set[i++];
            }

            if (next != other[o])
            {
                return next < other[o];
            }
        }

        return false;
    }

    /// <summary>Negative when a precedes b (same size), zero when equal.</summary>
    public static int Compare(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return a[i].CompareTo(b[i]);
            }
        }

        return 0;
    }

    public static void Union(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> into)
    {
        int i = 0, j = 0, o = 0;
        while (i < a.Length || j < b.Length)
        {
            into[o++] = j == b.Length || (i < a.Length && a[i] < b[j]) ? a[i++] : b[j++];
        }
    }

    /// <summary>Whether a ∪ b (disjoint) precedes other (of the same total size).</summary>
    public static bool UnionPrecedes(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<int> other)
    {
        int i = 0, j = 0;
        for (var o = 0; o < other.Length; o++)
        {
            var next = j == b.Length || (i < a.Length && a[i] < b[j]) ? a[i++] : b[j++];
            if (next != other[o])
            {
                return next < other[o];
            }
        }

        return false;
    }
}
