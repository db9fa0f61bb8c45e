using Upstream.Domain.Refusals;

namespace Upstream.Applications.Domain;

/// <summary>
/// One reviewer's scores for one application, 0 to 10 per criterion. A reviewer with a conflict of interest
/// declares it instead of scoring; such a review never counts.
/// </summary>
public sealed class Review
{
    public const int MaximumScore = 10;

    private Review()
    {
    }

    public Guid Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    public string Reviewer { get; private set; } = "";

    public Dictionary<string, int> Scores { get; private set; } = [];

    public string? ConflictOfInterest { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public bool Counts => ConflictOfInterest is null;

    public static Review Score(Call call, Application application, string reviewer, IReadOnlyDictionary<string, int> scores, DateTimeOffset now)
    {
        EnsureReviewable(application);
        var v = new Violations();
        foreach (var criterion in call.Criteria)
        {
            v.Require(scores.ContainsKey(criterion.Key), $"scores.{criterion.Key}", $"Score '{criterion.Title}'.");
        }

        foreach (var (key, score) in scores)
        {
            v.Require(call.Criteria.Any(c => c.Key == key), $"scores.{key}", "This call has no such criterion.");
            v.Require(score is >= 0 and <= MaximumScore, $"scores.{key}", $"A score is from 0 to {MaximumScore}.");
        }

        v.ThrowIfAny();
        return new Review { Id = Guid.CreateVersion7(now), ApplicationId = application.Id, Reviewer = reviewer, Scores = new(scores), SubmittedAt = now };
    }

    public static Review DeclareConflict(Application application, string reviewer, string conflict, DateTimeOffset now)
    {
        EnsureReviewable(application);
        if (string.IsNullOrWhiteSpace(conflict))
        {
            throw new InvalidInputException([new FieldViolation("conflict_of_interest", "Say what the conflict of interest is.")]);
        }

        return new Review { Id = Guid.CreateVersion7(now), ApplicationId = application.Id, Reviewer = reviewer, ConflictOfInterest = conflict.Trim(), SubmittedAt = now };
    }

    /// <summary>Σ weight × score: the review's contribution to the application's standing.</summary>
    public long WeightedTotal(Call call) => call.Criteria.Sum(c => (long)c.Weight * Scores.GetValueOrDefault(c.Key));

    private static void EnsureReviewable(Application application)
    {
        if (application.State is not (ApplicationState.Eligible or ApplicationState.UnderReview or ApplicationState.Shortlisted))
        {
            throw new DomainRuleException("application.state", "Only an eligible application can be reviewed.");
        }
    }
}

/// <summary>
/// An application's standing from its counting reviews: the mean weighted total. Kept as an exact fraction
/// (sum and count) so comparisons and ties are exact; shown rounded.
/// </summary>
public sealed record Standing(long WeightedSum, int Reviews)
{
    public static Standing Of(Call call, IEnumerable<Review> reviews)
    {
        var counting = reviews.Where(r => r.Counts).ToList();
        return new Standing(counting.Sum(r => r.WeightedTotal(call)), counting.Count);
    }

    /// <summary>The mean, scaled by 1,000 and rounded half away from zero: an integer the cohort selection can sum exactly.</summary>
    public long MeanMilli => Reviews == 0 ? 0 : (long)Math.Round(WeightedSum * 1000m / Reviews, MidpointRounding.AwayFromZero);
}
