using Upstream.Domain.Refusals;
using Upstream.Domain.Time;
using Upstream.Grants.Domain;

namespace Upstream.Grants.Tests;

public sealed class RequestTests
{
    [Theory]
    [InlineData(999_999)]
    [InlineData(2_000_001)]
    public void An_amount_outside_the_funds_range_is_refused_by_field(long amount)
    {
        var refused = Assert.Throws<InvalidInputException>(() => GrantRequest.Draft(Samples.Fund(), Samples.Details(amount), "member-1", Samples.Now));

        Assert.Equal(["amount_pence"], refused.Violations.Select(v => v.Field));
    }

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(2_000_000)]
    public void The_minimum_and_maximum_themselves_may_be_requested(long amount) =>
        Assert.Equal(amount, GrantRequest.Draft(Samples.Fund(), Samples.Details(amount), "member-1", Samples.Now).AmountPence);

    [Fact]
    public void Budget_lines_must_add_up_to_the_amount()
    {
        var details = Samples.Details() with { BudgetLines = [new BudgetLine("Evaluation", 1_000_000), new BudgetLine("Texts", 400_000)] };

        var refused = Assert.Throws<InvalidInputException>(() => GrantRequest.Draft(Samples.Fund(), details, "member-1", Samples.Now));

        var violation = Assert.Single(refused.Violations);
        Assert.Equal("budget_lines", violation.Field);
        Assert.Contains("£14,000.00", violation.Description);
    }

    [Fact]
    public void A_purpose_the_fund_does_not_pay_for_and_a_lead_that_is_also_a_partner_are_refused_together()
    {
        var details = Samples.Details(1_500_000, "BIR") with { Purpose = "marketing" };

        var refused = Assert.Throws<InvalidInputException>(() => GrantRequest.Draft(Samples.Fund(), details, "member-1", Samples.Now));

        Assert.Equal(["partner_council_codes", "purpose"], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Submitting_follows_the_London_window()
    {
        var fund = Samples.Fund();
        var before = GrantRequest.Draft(fund, Samples.Details(), "member-1", Samples.Now);

        var early = Assert.Throws<DomainRuleException>(() => before.Submit(fund, ProgrammeTime.ToInstant(new DateTime(2026, 3, 1, 8, 59, 0))));
        Assert.Contains("09:00 on Sunday 1 March 2026", early.Message);
        before.Submit(fund, ProgrammeTime.ToInstant(new DateTime(2026, 3, 1, 9, 0, 0)));
        Assert.Equal(GrantRequestState.Submitted, before.State);
    }

    [Fact]
    public void A_decided_request_cannot_be_withdrawn_or_decided_again()
    {
        var fund = Samples.Fund();
        var request = Samples.UnderAssessment(fund);
        request.Decline("staff-1", "No comparison group.", Samples.Now);

        Assert.Throws<DomainRuleException>(() => request.Withdraw("member-1", "", Samples.Now));
        Assert.Throws<DomainRuleException>(() => request.Award("staff-1", "Changed our minds.", Samples.Now));
        Assert.Equal(("staff-1", "No comparison group."), (request.DecidedBy, request.DecisionReason));
    }

    [Fact]
    public void Erasing_the_contact_keeps_the_request()
    {
        var request = GrantRequest.Draft(Samples.Fund(), Samples.Details(), "member-1", Samples.Now);

        request.EraseContact();

        Assert.Equal((RequestContact.Erased, "Text nudges"), (request.Contact, request.Title));
    }
}
