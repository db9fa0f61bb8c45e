using Upstream.Applications.Domain;
using static Upstream.Applications.Tests.Fixtures;
using Upstream.Domain.Refusals;

namespace Upstream.Applications.Tests;

public sealed class CallTests
{
    [Fact]
    public void A_published_call_opens_and_closes_exactly_on_time()
    {
        var call = PublishedCall();

        Assert.Equal(CallState.Scheduled, call.StateAt(Opens.AddTicks(-1)));
        Assert.Equal(CallState.Open, call.StateAt(Opens));
        Assert.Equal(CallState.Open, call.StateAt(Closes.AddTicks(-1)));
        Assert.Equal(CallState.Closed, call.StateAt(Closes));
    }

    [Fact]
    public void An_unpublished_call_stays_a_draft_whatever_the_time()
    {
        var call = Call.Draft(Details(), Opens.AddDays(-10));

        Assert.Equal(CallState.Draft, call.StateAt(Opens.AddDays(3)));
    }

    [Fact]
    public void Every_problem_with_a_call_is_reported_at_once_by_field()
    {
        var bad = Details() with { Title = " ", ClosesAt = Opens.AddHours(-1), TargetCohortSize = 0, Criteria = [new ScoringCriterion("x", "X", 0)] };

        var error = Assert.Throws<InvalidInputException>(() => Call.Draft(bad, Opens.AddDays(-10)));

        Assert.Equal(["title", "closes_at", "target_cohort_size", "criteria[0].weight", "quotas.regions", "quotas.characters[0]"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void A_published_call_cannot_be_changed()
    {
        var call = PublishedCall();

        var error = Assert.Throws<DomainRuleException>(() => call.Revise(Details(), Opens.AddDays(1)));
        Assert.Equal("The call is open; only a draft call can be changed.", error.Message);
    }

    [Fact]
    public void The_cohort_is_decided_only_after_the_call_closes()
    {
        var call = PublishedCall();

        Assert.Throws<DomainRuleException>(() => call.MarkDecided(Closes.AddMinutes(-1)));
        call.MarkDecided(Closes.AddDays(10));
        Assert.Equal(CallState.Decided, call.StateAt(Closes.AddDays(11)));
    }
}
