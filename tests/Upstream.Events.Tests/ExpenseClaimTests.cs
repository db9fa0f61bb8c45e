using Upstream.Domain.Refusals;
using Upstream.Events.Domain.Expenses;

namespace Upstream.Events.Tests;

public sealed class ExpenseClaimTests
{
    private static readonly ExpenseReceipt Receipt = new(new DateOnly(2026, 5, 12), "Supplier Ltd", 100_000, "receipt.pdf", new string('a', 64));

    [Fact]
    public void Each_line_is_held_to_its_cap_per_night_per_mile_per_journey_and_per_day()
    {
        ExpenseLine[] lines =
        [
            new(ExpenseCategory.Accommodation, "Hotel", 24_001, 0, 2, Receipt),
            new(ExpenseCategory.Travel, "Drive", 4_501, 100, 0, Receipt),
            new(ExpenseCategory.Travel, "Train", 25_001, 0, 0, Receipt),
            new(ExpenseCategory.Subsistence, "Meals", 5_001, 0, 0, Receipt),
            new(ExpenseCategory.Accommodation, "Hotel", 24_000, 0, 2, Receipt),
            new(ExpenseCategory.Travel, "Drive", 4_500, 100, 0, Receipt),
        ];

        var violations = ExpensePolicy.Check(lines, eventDays: 2);

        Assert.Equal(["lines[0].amount_pence", "lines[1].amount_pence", "lines[2].amount_pence", "lines[3].amount_pence"], violations.Items.Select(v => v.Field));
    }

    [Fact]
    public void A_receipt_must_be_complete_and_cover_the_amount()
    {
        var line = new ExpenseLine(ExpenseCategory.Subsistence, "Lunch", 1_000, 0, 0, new ExpenseReceipt(new DateOnly(2026, 5, 12), " ", 900, "", "NOT-A-HASH"));

        var violations = ExpensePolicy.Check([line], eventDays: 2);

        Assert.Equal(["lines[0].receipt.supplier", "lines[0].receipt.amount_pence", "lines[0].receipt.file_name", "lines[0].receipt.file_sha256"], violations.Items.Select(v => v.Field));
    }

    [Fact]
    public void Only_an_attendee_claims_the_claimant_never_decides_and_a_claim_is_paid_once()
    {
        var residential = Samples.Scheduled();
        var registration = residential.Register(Guid.NewGuid(), "BIR", "", "", 0, [], "member-1", Samples.Now);
        ExpenseLine[] lines = [new(ExpenseCategory.Subsistence, "Dinner", 2_000, 0, 0, Receipt)];
        Assert.Equal("expense_claim.attended", Assert.Throws<DomainRuleException>(() => ExpenseClaim.Draft(residential, registration, lines, "member-1", Samples.Now)).Rule);

        residential.CheckIn(registration, new DateOnly(2026, 5, 12), byStaff: true, Samples.London(5, 12, 10));
        var claim = ExpenseClaim.Draft(residential, registration, lines, "staff-1", Samples.London(5, 14, 9));
        claim.Submit(residential, registration, councilClaimedPence: 0, "staff-1", Samples.London(5, 14, 9));

        Assert.Throws<PermissionDeniedException>(() => claim.Approve("staff-1", Samples.London(5, 14, 10)));
        claim.Approve("staff-2", Samples.London(5, 14, 10));
        claim.Pay("BACS-1", "staff-2", Samples.London(5, 15, 10));
        var twice = Assert.Throws<DomainRuleException>(() => claim.Pay("BACS-2", "staff-2", Samples.London(5, 15, 11)));

        Assert.Equal(("expense_claim.paid", ExpenseClaimState.Paid, "BACS-1"), (twice.Rule, claim.State, claim.PaymentReference));
    }

    [Fact]
    public void A_claim_that_would_take_the_council_past_the_per_event_cap_is_refused()
    {
        var residential = Samples.Scheduled();
        var registration = residential.Register(Guid.NewGuid(), "BIR", "", "", 0, [], "member-1", Samples.Now);
        residential.CheckIn(registration, new DateOnly(2026, 5, 12), byStaff: true, Samples.London(5, 12, 10));
        var claim = ExpenseClaim.Draft(residential, registration, [new(ExpenseCategory.Subsistence, "Dinner", 2_000, 0, 0, Receipt)], "member-1", Samples.Now);

        var refused = Assert.Throws<DomainRuleException>(() => claim.Submit(residential, registration, ExpensePolicy.PerEventAndCouncilPence - 1_999, "member-1", Samples.Now));

        Assert.Equal(("expense_policy.per_event_and_council", ExpenseClaimState.Draft), (refused.Rule, claim.State));
    }
}
