using Upstream.Domain.Refusals;
using Upstream.Domain.Time;

namespace Upstream.Applications.Domain;

/// <summary>What staff set on a call; validated as a whole so every problem is reported at once.</summary>
public sealed record CallDetails(
    string Title,
    string Description,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    DateOnly DecisionsBy,
    int TargetCohortSize,
    IReadOnlyList<ScoringCriterion> Criteria,
    SelectionQuotas Quotas)
{
    public const int DefaultCohortSize = 20;

    public Violations Validate()
    {
        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(Title), "title", "A call needs a title.");
        v.Require(Title.Length <= 200, "title", "A title has at most 200 characters.");
        v.Require(OpensAt < ClosesAt, "closes_at", "A call must close after it opens.");
        v.Require(DateOnly.FromDateTime(ProgrammeTime.ToLondon(ClosesAt)) <= DecisionsBy, "decisions_by", "Applicants cannot be told before the call closes.");
        v.Require(TargetCohortSize is >= 1 and <= 200, "target_cohort_size", "The cohort has between 1 and 200 councils.");
        v.Require(Criteria.Count > 0, "criteria", "A call needs at least one scoring criterion.");
        v.Require(Criteria.Select(c => c.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count() == Criteria.Count, "criteria", "Criterion keys must be unique.");
        for (var i = 0; i < Criteria.Count; i++)
        {
            v.Require(Criteria[i].Weight is > 0 and <= 100, $"criteria[{i}].weight", "A weight is between 1 and 100.");
            v.Require(!string.IsNullOrWhiteSpace(Criteria[i].Key), $"criteria[{i}].key", "A criterion needs a key.");
        }

        Quotas.Validate(TargetCohortSize, v);
        return v;
    }
}

/// <summary>A criterion reviewers score from 0 to 10; its weight sets how much it counts.</summary>
public sealed record ScoringCriterion(string Key, string Title, int Weight);
