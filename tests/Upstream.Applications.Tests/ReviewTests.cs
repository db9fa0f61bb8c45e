using Upstream.Applications.Domain;
using Upstream.Applications.Registry;
using static Upstream.Applications.Tests.Fixtures;
using Upstream.Domain.Refusals;
using Upstream.Domain.Registry;

namespace Upstream.Applications.Tests;

public sealed class ReviewTests
{
    private static (Call Call, Application Application) Eligible()
    {
        var call = PublishedCall();
        var application = Application.Start(call, LeadEligibility.Check(LocalAuthorityRegistry.Shipped, "ADU", new DateOnly(2024, 7, 15)), CompleteDraft(), "a", Opens.AddDays(1));
        application.Submit(call, "a", Opens.AddDays(1));
        application.Screen(call, LocalAuthorityRegistry.Shipped, Opens.AddDays(1));
        return (call, application);
    }

    [Fact]
    public void A_review_must_score_every_criterion_of_the_call_from_0_to_10()
    {
        var (call, application) = Eligible();

        var error = Assert.Throws<InvalidInputException>(() => Review.Score(call, application, "r1", new Dictionary<string, int> { ["upstream"] = 11, ["novelty"] = 3 }, Closes));

        Assert.Equal(["scores.evidence", "scores.upstream", "scores.novelty"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void The_standing_is_the_mean_weighted_total_and_conflicted_reviews_do_not_count()
    {
        var (call, application) = Eligible(); // weights: upstream 3, evidence 2
        var reviews = new[]
        {
            Review.Score(call, application, "r1", new Dictionary<string, int> { ["upstream"] = 10, ["evidence"] = 5 }, Closes), // 40
            Review.Score(call, application, "r2", new Dictionary<string, int> { ["upstream"] = 6, ["evidence"] = 7 }, Closes), // 32
            Review.DeclareConflict(application, "r3", "Former employee of the council", Closes),
        };

        var standing = Standing.Of(call, reviews);

        Assert.Equal((72L, 2, 36_000L), (standing.WeightedSum, standing.Reviews, standing.MeanMilli));
    }

    [Fact]
    public void A_reviewer_sees_others_scores_only_after_submitting_their_own()
    {
        var (call, application) = Eligible();
        var reviews = new[] { Review.Score(call, application, "r1", new Dictionary<string, int> { ["upstream"] = 1, ["evidence"] = 1 }, Closes) };

        Assert.Equal("Submit your own review before seeing other reviewers' scores.", Assert.Throws<DomainRuleException>(() => ReviewRules.VisibleTo("r2", reviews, seeAll: false)).Message);
        Assert.Single(ReviewRules.VisibleTo("r1", reviews, seeAll: false));
        Assert.Single(ReviewRules.VisibleTo("staff", reviews, seeAll: true));
    }

    [Fact]
    public void A_conflicted_reviewer_sees_only_their_declaration()
    {
        var (call, application) = Eligible();
        var conflict = Review.DeclareConflict(application, "r2", "Sits on the council's board", Closes);
        var reviews = new[] { Review.Score(call, application, "r1", new Dictionary<string, int> { ["upstream"] = 1, ["evidence"] = 1 }, Closes), conflict };

        Assert.Equal([conflict], ReviewRules.VisibleTo("r2", reviews, seeAll: false));
    }

    [Fact]
    public void A_draft_cannot_be_reviewed()
    {
        var call = PublishedCall();
        var draft = Application.Start(call, LeadEligibility.Check(LocalAuthorityRegistry.Shipped, "ADU", new DateOnly(2024, 7, 15)), CompleteDraft(), "a", Opens.AddDays(1));

        Assert.Throws<DomainRuleException>(() => Review.DeclareConflict(draft, "r1", "x", Closes));
    }
}
