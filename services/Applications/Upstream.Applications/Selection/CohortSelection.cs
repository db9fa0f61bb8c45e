namespace Upstream.Applications.Selection;

/// <summary>
/// The outcome of a selection: the chosen applications (best-ranked first) and their total, or the quotas that
/// cannot all be met (then nothing is chosen); and an explanation for every candidate either way.
/// </summary>
public sealed record CohortSelection(
    IReadOnlyList<Guid> Chosen,
    long TotalScoreMilli,
    IReadOnlyList<UnmetQuota> UnmetQuotas,
    IReadOnlyList<Explanation> Explanations)
{
    public bool IsFeasible => UnmetQuotas.Count == 0;
}

/// <summary>A quota (named by its path in the call's settings, e.g. <c>quotas.regions[London].minimum</c>) that cannot be met, and why.</summary>
public sealed record UnmetQuota(string Quota, string Description);

/// <summary>Why an application is, or is not, in the proposed cohort. Rank is its place in the tie-break order (1 is best).</summary>
public sealed record Explanation(Guid ApplicationId, bool Chosen, CohortReason Reason, string Text, int Rank, long ScoreMilli);

public enum CohortReason
{
    /// <summary>Chosen: no better-ranked application was left out in its favour.</summary>
    ChosenOnScore,

    /// <summary>Chosen over a better-ranked application because exchanging them would break a quota.</summary>
    ChosenForQuota,

    /// <summary>Chosen because staff pinned it.</summary>
    Pinned,

    /// <summary>Not chosen: every place it could take went to a better-ranked application.</summary>
    Outscored,

    /// <summary>Not chosen: its region's maximum is taken by better-ranked applications.</summary>
    RegionFull,

    /// <summary>Not chosen although better-ranked than a chosen one: exchanging them would break a quota.</summary>
    QuotaConflict,

    /// <summary>Not chosen: another application led by the same council is in the cohort.</summary>
    CouncilAlreadyChosen,

    /// <summary>Not chosen: staff excluded it.</summary>
    ExcludedByStaff,

    /// <summary>Not chosen: it cannot be chosen (for example, it has no counting review).</summary>
    NotEligible,

    /// <summary>Not chosen: the quotas cannot all be met, so no cohort was proposed.</summary>
    NoCohort,
}
