using Upstream.Domain.Refusals;

namespace Upstream.Applications.Selection;

/// <summary>
/// One run of the cohort selection for a call, kept as it was proposed: staff re-run with other pins or exclusions
/// and each run is a new proposal, so what was considered stays on record. Only the latest proposal of a call can
/// be confirmed, and only one per call ever is.
/// </summary>
public sealed class CohortProposal
{
    private CohortProposal()
    {
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public string ProposedBy { get; private set; } = "";

    public DateTimeOffset ProposedAt { get; private set; }

    public List<Guid> Pins { get; private set; } = [];

    public List<Guid> Exclusions { get; private set; } = [];

    /// <summary>The chosen applications, best-ranked first; empty when the quotas cannot all be met.</summary>
    public List<Guid> Chosen { get; private set; } = [];

    public long TotalScoreMilli { get; private set; }

    public List<UnmetQuota> UnmetQuotas { get; private set; } = [];

    /// <summary>One per application in the running when proposed, with the score it was ranked by.</summary>
    public List<Explanation> Explanations { get; private set; } = [];

    public string? ConfirmedBy { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    /// <summary>When the decision messages to the councils were recorded: in the same unit of work as the decision itself.</summary>
    public DateTimeOffset? NotificationRecordedAt { get; private set; }

    public bool HasCohort => UnmetQuotas.Count == 0;

    public static CohortProposal Record(Guid callId, CohortSelection selection, IEnumerable<Guid> pins, IEnumerable<Guid> exclusions, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CallId = callId,
        ProposedBy = by,
        ProposedAt = now,
        Pins = [.. pins.Distinct()],
        Exclusions = [.. exclusions.Distinct()],
        Chosen = [.. selection.Chosen],
        TotalScoreMilli = selection.TotalScoreMilli,
        UnmetQuotas = [.. selection.UnmetQuotas],
        Explanations = [.. selection.Explanations],
    };

    public Explanation ExplanationFor(Guid applicationId) => Explanations.Single(e => e.ApplicationId == applicationId);

    public void Confirm(string by, DateTimeOffset now)
    {
        if (!HasCohort)
        {
            throw new DomainRuleException("cohort.quotas_unmet", $"This proposal has no cohort: {string.Join(" ", UnmetQuotas.Select(q => q.Description))}");
        }

        ConfirmedBy = by;
        ConfirmedAt = now;
        NotificationRecordedAt = now;
    }
}
