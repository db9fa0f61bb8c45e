using Upstream.Applications.Domain;

namespace Upstream.Applications.Selection;

/// <summary>
/// An application as the cohort selection sees it. The score is the standing's mean in milli-points, an integer,
/// so totals are summed and compared exactly. <paramref name="Ineligibility"/> says why an application in the
/// running cannot be chosen (for example, no counting review yet); null when it can be.
/// </summary>
public sealed record Candidate(
    Guid Id,
    string Name,
    string CouncilCode,
    string Region,
    AreaCharacter Characters,
    long ScoreMilli,
    DateTimeOffset SubmittedAt,
    string? Ineligibility = null);

/// <summary>What staff ask for: the call's size and quotas, the candidates, and the applications they pin or exclude.</summary>
public sealed record CohortRequest(
    int TargetSize,
    SelectionQuotas Quotas,
    IReadOnlyList<Candidate> Candidates,
    IReadOnlyCollection<Guid> Pins,
    IReadOnlyCollection<Guid> Exclusions);
