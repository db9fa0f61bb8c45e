using Grpc.Core;
using Upstream.Grants.V1;

namespace Upstream.Demo;

/// <summary>The experimentation fund: members' requests, staff awards within the fund, payments and an evidence report.</summary>
public sealed partial class ProgrammeJourney
{
    /// <summary>Each within the fund's default range of £10,000 to £20,000.</summary>
    private static readonly (string Title, string Tests, long Pence)[] Experiments =
    [
        ("Text nudges before council tax arrears", "Whether a friendly text a week before the due date reduces arrears.", 1_500_000),
        ("Housing advice in GP surgeries", "Whether advice where people already go prevents evictions.", 2_000_000),
        ("School-gate family hubs", "Whether a weekly presence at the school gate brings families to early help sooner.", 1_250_000),
        ("Warm spaces with benefits checks", "Whether a benefits check in a warm space lifts take-up.", 1_200_000),
        ("Falls prevention classes", "Whether strength classes for over-70s cut emergency admissions.", 1_800_000),
    ];

    private async Task<GrantsMade> FundExperimentsAsync(IReadOnlyList<string> cohort, CancellationToken cancellationToken)
    {
        var now = LondonNow;
        var fund = await new FundService.FundServiceClient(gateway).CreateFundAsync(
            new CreateFundRequest { Details = new FundDetails { Name = "Upstream experimentation fund", TotalPence = 10_000_000, OpensAt = Wall(now.AddHours(-1)), ClosesAt = Wall(now.AddMonths(3)) } },
            callers.Staff,
            cancellationToken: cancellationToken);

        var requests = new GrantRequestService.GrantRequestServiceClient(gateway);
        var drafted = new List<(string Council, GrantRequest Request)>();
        foreach (var (council, (title, tests, pence)) in cohort.Zip(Experiments))
        {
            var details = new GrantRequestDetails
            {
                Title = title,
                Tests = tests,
                Purpose = "evidence",
                WiderBenefit = "A result and materials any council can reuse.",
                PlannedStart = Day(now.AddMonths(1)),
                PlannedEnd = Day(now.AddMonths(7)),
                AmountPence = pence,
                Contact = new RequestContact { Name = "Programme lead", Email = $"lead@{council.ToLowerInvariant()}.example.gov.uk" },
            };
            details.BudgetLines.Add(new BudgetLine { Description = "Evaluation partner", AmountPence = pence * 3 / 4 });
            details.BudgetLines.Add(new BudgetLine { Description = "Delivery", AmountPence = pence - (pence * 3 / 4) });

            // Grants learnt of the membership from Network's MemberJoined; until then the council is refused as a non-member.
            var member = callers.Member(council);
            var request = await EventuallyAsync(
                "Grants to know the new member",
                async () =>
                {
                    try
                    {
                        return await requests.DraftGrantRequestAsync(new DraftGrantRequestRequest { FundId = fund.FundId, Details = details }, member, cancellationToken: cancellationToken);
                    }
                    catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
                    {
                        return null;
                    }
                },
                r => r is not null,
                cancellationToken);
            await requests.SubmitGrantRequestAsync(new SubmitGrantRequestRequest { RequestId = request!.RequestId }, member, cancellationToken: cancellationToken);
            drafted.Add((council, request));
        }

        progress.Report($"Grants: {drafted.Count} requests submitted to a fund of £{fund.TotalPence / 100:N0}.");

        // Three awarded (well within the fund), one declined, one still being assessed.
        var assessments = new AssessmentService.AssessmentServiceClient(gateway);
        var grantService = new GrantService.GrantServiceClient(gateway);
        var grants = new List<Grant>();
        foreach (var (council, request) in drafted.Take(4))
        {
            await assessments.AssignAssessorAsync(new AssignAssessorRequest { RequestId = request.RequestId, Assessor = JourneyCallers.StaffSubject }, callers.Staff, cancellationToken: cancellationToken);
            if (grants.Count == 3)
            {
                await assessments.DeclineGrantRequestAsync(new DeclineGrantRequestRequest { RequestId = request.RequestId, Reason = "Too close to work another council already tests." }, callers.Staff, cancellationToken: cancellationToken);
                continue;
            }

            var award = new AwardGrantRequest { RequestId = request.RequestId, Reason = "A clear test with results others can reuse." };
            award.Conditions.Add("Share the materials under an open licence.");
            award.ReportDueDates.Add(Day(now.AddMonths(8)));
            var grant = await assessments.AwardGrantAsync(award, callers.Staff, cancellationToken: cancellationToken);
            grant = await grantService.RecordPaymentAsync(new RecordPaymentRequest { GrantId = grant.GrantId, PaymentReference = $"GRT-{council}-1", AmountPence = grant.AwardedPence / 2 }, callers.Finance, cancellationToken: cancellationToken);
            grants.Add(grant);
        }

        // The first grant's evidence report comes in early, and staff accept it.
        var reported = grants[0];
        var report = reported.Reports[0];
        var lead = callers.Member(reported.LeadCouncilCode);
        await grantService.SubmitReportAsync(
            new SubmitReportRequest { GrantId = reported.GrantId, ReportId = report.ReportId, WhatWasTried = "Texts a week before the due date to first-time payers.", Results = "Arrears fell by a fifth against the comparison group.", ReusableByOthers = "The message templates and the randomisation script." },
            lead,
            cancellationToken: cancellationToken);
        await grantService.AcceptReportAsync(new AcceptReportRequest { GrantId = reported.GrantId, ReportId = report.ReportId }, callers.Staff, cancellationToken: cancellationToken);
        progress.Report($"Grants: {grants.Count} awarded (£{grants.Sum(g => g.AwardedPence) / 100:N0}), first tranches paid, one report accepted; one declined, one being assessed.");
        return new GrantsMade(fund.FundId, [.. grants.Select(g => g.GrantId)], reported.GrantId);
    }

    private sealed record GrantsMade(string FundId, IReadOnlyList<string> GrantIds, string ReportedGrantId);
}
