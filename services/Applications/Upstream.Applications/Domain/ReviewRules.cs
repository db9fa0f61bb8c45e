using Upstream.Domain.Refusals;

namespace Upstream.Applications.Domain;

/// <summary>Who may see which reviews: blind until you have reviewed, so nobody anchors on a colleague's scores.</summary>
public static class ReviewRules
{
    public static IReadOnlyList<Review> VisibleTo(string reviewer, IReadOnlyList<Review> reviews, bool seeAll)
    {
        if (seeAll)
        {
            return reviews;
        }

        var own = reviews.FirstOrDefault(r => r.Reviewer == reviewer);
        if (own is null)
        {
            throw new DomainRuleException("review.blind", "Submit your own review before seeing other reviewers' scores.");
        }

        // A conflicted reviewer stepped aside: they see only their own declaration.
        return own.Counts ? reviews : [own];
    }
}
