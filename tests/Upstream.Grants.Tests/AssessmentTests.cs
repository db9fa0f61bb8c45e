using Upstream.Domain.Refusals;
using Upstream.Grants.Domain;

namespace Upstream.Grants.Tests;

public sealed class AssessmentTests
{
    [Theory]
    [InlineData("BIR", true)]
    [InlineData("man", true)]
    [InlineData("LDS", false)]
    [InlineData("", false)]
    public void An_assessor_from_a_council_of_the_request_is_excluded_as_assigned(string council, bool excluded)
    {
        var request = Samples.UnderAssessment(Samples.Fund(), "MAN");

        var assessment = Assessment.Assign(request, "staff-2", council, Samples.Now);

        Assert.Equal(excluded, assessment.Excluded);
    }

    [Fact]
    public void An_excluded_assessor_cannot_score_and_a_declared_conflict_withdraws_scores()
    {
        var fund = Samples.Fund();
        var request = Samples.UnderAssessment(fund);
        var conflicted = Assessment.Assign(request, "staff-2", "BIR", Samples.Now);
        var clear = Assessment.Assign(request, "staff-3", null, Samples.Now);
        var scores = fund.Criteria.ToDictionary(c => c, _ => 7);

        Assert.Throws<DomainRuleException>(() => conflicted.Score(request, fund.Criteria, scores, "", Samples.Now));
        clear.Score(request, fund.Criteria, scores, "Good.", Samples.Now);
        clear.DeclareConflict("My sister runs the service.");

        Assert.Equal((true, 0, (DateTimeOffset?)null), (clear.Excluded, clear.Scores.Count, clear.ScoredAt));
    }

    [Fact]
    public void Scores_cover_every_criterion_from_0_to_10()
    {
        var fund = Samples.Fund();
        var request = Samples.UnderAssessment(fund);
        var assessment = Assessment.Assign(request, "staff-3", null, Samples.Now);

        var refused = Assert.Throws<InvalidInputException>(() => assessment.Score(request, fund.Criteria, new Dictionary<string, int> { ["evidence"] = 11, ["taste"] = 5 }, "", Samples.Now));

        Assert.Equal(
            ["scores.replicability", "scores.evaluation", "scores.benefit", "scores.evidence", "scores.taste"],
            refused.Violations.Select(v => v.Field));
    }
}
