using Upstream.Domain.Refusals;

namespace Upstream.Grants.Domain;

/// <summary>What a council asks for: the experiment, its dates (London) and its budget, which must add up to the amount.</summary>
/// <param name="Contact">Personal data: never log or trace it; anonymised when the person asks to be forgotten.</param>
public sealed record RequestDetails(
    string LeadCouncilCode,
    IReadOnlyList<string> PartnerCouncilCodes,
    string Title,
    string Tests,
    string Purpose,
    string WiderBenefit,
    DateOnly PlannedStart,
    DateOnly PlannedEnd,
    long AmountPence,
    IReadOnlyList<BudgetLine> BudgetLines,
    RequestContact Contact)
{
    public Violations Validate(Fund fund)
    {
        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(LeadCouncilCode), "lead_council_code", "Say which council leads the request.");
        v.Require(
            !PartnerCouncilCodes.Any(c => string.Equals(c, LeadCouncilCode, StringComparison.OrdinalIgnoreCase)),
            "partner_council_codes",
            "The lead council is not also a partner.");
        v.Require(PartnerCouncilCodes.Distinct(StringComparer.OrdinalIgnoreCase).Count() == PartnerCouncilCodes.Count, "partner_council_codes", "Name each partner council once.");
        v.Require(!string.IsNullOrWhiteSpace(Title), "title", "Give the experiment a title.");
        v.Require(!string.IsNullOrWhiteSpace(Tests), "tests", "Say what the experiment tests.");
        v.Require(fund.Purposes.Contains(Purpose), "purpose", $"The fund pays for {string.Join(", ", fund.Purposes)}.");
        v.Require(!string.IsNullOrWhiteSpace(WiderBenefit), "wider_benefit", "Say how the wider network benefits.");
        v.Require(PlannedEnd > PlannedStart, "planned_end", "The experiment must end after it starts.");
        fund.RequireInRange(AmountPence, "amount_pence", v);
        v.Require(BudgetLines.Count > 0, "budget_lines", "List the budget, line by line.");
        for (var i = 0; i < BudgetLines.Count; i++)
        {
            v.Require(!string.IsNullOrWhiteSpace(BudgetLines[i].Description), $"budget_lines[{i}].description", "Say what the line pays for.");
            v.Require(BudgetLines[i].AmountPence > 0, $"budget_lines[{i}].amount_pence", "A budget line is more than zero.");
        }

        var total = BudgetLines.Sum(l => l.AmountPence);
        v.Require(
            BudgetLines.Count == 0 || total == AmountPence,
            "budget_lines",
            $"The budget lines add up to {Money.Describe(total)}, not the {Money.Describe(AmountPence)} requested.");
        v.Require(!string.IsNullOrWhiteSpace(Contact.Name), "contact.name", "Name a contact for the request.");
        v.Require(Contact.Email.Contains('@'), "contact.email", "Give the contact's email address.");
        return v;
    }
}

public sealed record BudgetLine(string Description, long AmountPence);

/// <summary>The named contact for a request. Personal data.</summary>
public sealed record RequestContact(string Name, string Email)
{
    public static readonly RequestContact Erased = new("(erased)", "");
}
