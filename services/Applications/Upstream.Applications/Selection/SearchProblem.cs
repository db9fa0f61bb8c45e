using Upstream.Applications.Domain;

namespace Upstream.Applications.Selection;

/// <summary>
/// The selection as the exact search sees it. Applications are numbered by rank (0 is best: higher score, then
/// earlier submission, then id), so a set of numbers sorted ascending reads best-first and comparing two such
/// sets element by element is the tie-break.
/// </summary>
internal sealed record SearchProblem(
    int Size,
    long[] Scores,
    AreaCharacter[] Characters,
    bool[] Pinned,
    IReadOnlyList<Band> Bands,
    IReadOnlyList<CharacterQuota> Minimums)
{
    public SearchProblem WithBand(int index, Band band) => this with { Bands = [.. Bands.Select((b, i) => i == index ? band : b)] };
}

/// <summary>
/// A group of regions that share one count: a region with its own quota, or all the regions without one (which
/// are bound only by the cohort size). Councils are lists of applications (by rank) led by the same council, at
/// most one of which can be chosen.
/// </summary>
internal sealed record Band(string? Region, int Minimum, int Maximum, IReadOnlyList<int[]> Councils);
