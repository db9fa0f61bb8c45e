using Upstream.Domain.Refusals;
using Upstream.Grants.Domain;

namespace Upstream.Grants.Tests;

public sealed class GrantTests
{
    [Fact]
    public void An_award_outside_the_funds_range_is_refused_and_the_request_stays_undecided()
    {
        var fund = Samples.Fund();
        var request = Samples.UnderAssessment(fund);

        var refused = Assert.Throws<InvalidInputException>(() => Grant.Award(fund, request, 2_000_001, "staff-1", "Good.", [], [new DateOnly(2026, 11, 30)], Samples.Now));

        Assert.Equal(["amount_pence"], refused.Violations.Select(v => v.Field));
        Assert.Equal(GrantRequestState.UnderAssessment, request.State);
    }

    [Fact]
    public void A_fund_cannot_award_more_at_once_than_it_holds()
    {
        var refused = Assert.Throws<InvalidInputException>(() => Samples.Fund(totalPence: 1_200_000));

        Assert.Equal(["maximum_award_pence"], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Payments_never_exceed_the_award_and_references_are_unique()
    {
        var grant = Samples.Awarded(Samples.Fund());
        grant.Pay("PAY-1", 1_000_000, "staff-1", Samples.Now);

        var beyond = Assert.Throws<InvalidInputException>(() => grant.Pay("PAY-2", 500_001, "staff-1", Samples.Now));
        var again = Assert.Throws<InvalidInputException>(() => grant.Pay("PAY-1", 1, "staff-1", Samples.Now));
        grant.Pay("PAY-2", 500_000, "staff-1", Samples.Now);

        Assert.Equal(["amount_pence"], beyond.Violations.Select(v => v.Field));
        Assert.Contains("£5,000.00", beyond.Violations[0].Description);
        Assert.Equal(["payment_reference"], again.Violations.Select(v => v.Field));
        Assert.Equal(1_500_000, grant.PaidPence);
    }

    [Fact]
    public void A_report_is_overdue_from_the_day_after_it_is_due_until_submitted_and_again_when_sent_back()
    {
        var grant = Samples.Awarded(Samples.Fund());
        var report = Assert.Single(grant.Reports);

        Assert.False(report.IsOverdue(new DateOnly(2026, 11, 30)));
        Assert.True(report.IsOverdue(new DateOnly(2026, 12, 1)));
        var submitted = grant.SubmitReport(report.Id, "Texts.", "Fewer arrears.", "Templates.", Samples.Now);
        Assert.False(submitted.IsOverdue(new DateOnly(2026, 12, 1)));
        Assert.True(grant.SendBackReport(report.Id, "Say how payers were chosen.").IsOverdue(new DateOnly(2026, 12, 1)));
        Assert.Throws<DomainRuleException>(() => grant.AcceptReport(report.Id));
    }

    [Fact]
    public void Report_dates_must_come_after_the_award()
    {
        var fund = Samples.Fund();

        var refused = Assert.Throws<InvalidInputException>(() => Grant.Award(fund, Samples.UnderAssessment(fund), 1_500_000, "staff-1", "Good.", [], [new DateOnly(2026, 3, 2)], Samples.Now));

        Assert.Equal(["report_due_dates"], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void An_older_membership_event_never_overrides_a_newer_one()
    {
        var member = MemberCouncil.Joined("BIR", "Birmingham City Council", "E08000025", Samples.Now);

        member.Left(Samples.Now.AddDays(2));
        member.Rejoined("Birmingham City Council", "E08000025", Samples.Now.AddDays(1));

        Assert.False(member.Current);
    }
}
