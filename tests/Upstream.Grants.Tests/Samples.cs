using Upstream.Domain.Time;
using Upstream.Grants.Domain;

namespace Upstream.Grants.Tests;

/// <summary>A fund open through March 2026 and a request that fits it.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Now = ProgrammeTime.ToInstant(new DateTime(2026, 3, 2, 10, 0, 0));

    public static Fund Fund(long totalPence = 10_000_000) => Domain.Fund.Create(
        new FundDetails(
            "Experimentation fund",
            totalPence,
            FundDetails.DefaultMinimumAwardPence,
            FundDetails.DefaultMaximumAwardPence,
            ProgrammeTime.ToInstant(new DateTime(2026, 3, 1, 9, 0, 0)),
            ProgrammeTime.ToInstant(new DateTime(2026, 4, 1, 12, 0, 0)),
            Purposes.All),
        Now.AddDays(-7));

    public static RequestDetails Details(long amountPence = 1_500_000, params string[] partners) => new(
        "BIR",
        partners,
        "Text nudges",
        "Whether texts reduce arrears.",
        Purposes.Evidence,
        "Templates others reuse.",
        new DateOnly(2026, 5, 1),
        new DateOnly(2026, 10, 31),
        amountPence,
        [new BudgetLine("Evaluation", amountPence - 200_000), new BudgetLine("Texts", 200_000)],
        new RequestContact("Ada Lovelace", "ada@example.gov.uk"));

    public static GrantRequest UnderAssessment(Fund fund, params string[] partners)
    {
        var request = GrantRequest.Draft(fund, Details(1_500_000, partners), "member-1", Now);
        request.Submit(fund, Now);
        request.BeginAssessment();
        return request;
    }

    public static Grant Awarded(Fund fund, long amountPence = 1_500_000) =>
        Grant.Award(fund, UnderAssessment(fund), amountPence, "staff-1", "Strong design.", [], [new DateOnly(2026, 11, 30)], Now);
}
