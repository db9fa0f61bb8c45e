using Grpc.Core;
using Upstream.Contracts.Grants;
using Upstream.Grants.V1;
using Upstream.Protos.Errors;

namespace Upstream.Integration.Tests.Grants;

/// <summary>A request from a member council to a paid grant with its evidence report, over the gRPC API, with the events it sends.</summary>
public sealed class GrantJourneyTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_group_request_is_assessed_without_conflicted_assessors_awarded_paid_in_tranches_and_reported_on()
    {
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        await using var events = await GrantsHost.TapAsync(grants.Host.Broker);
        await grants.JoinAsync(("BIR", "Birmingham City Council", "E08000025"), ("MAN", "Manchester City Council", "E08000003"), ("LDS", "Leeds City Council", "E08000035"));
        var fund = await grants.OpenFundAsync(totalPence: 5_000_000);
        var birmingham = grants.Member("BIR");

        // Birmingham leads, Manchester joins: a group request.
        var request = await grants.SubmittedAsync(fund, "BIR", 1_800_000, "MAN");
        Assert.Equal(GrantRequestState.Submitted, request.State);
        Assert.Equal(["MAN"], request.PartnerCouncilCodes);
        var requested = Assert.Single(await events.WaitForAsync<GrantRequested>(1));
        Assert.Equal((Guid.Parse(request.RequestId), "BIR", 1_800_000L), (requested.RequestId, requested.LeadCouncilCode, requested.AmountPence));

        // An assessor who works for Manchester is excluded as assigned; one from Leeds is not, and scores.
        var conflicted = await grants.Assessments.AssignAssessorAsync(new AssignAssessorRequest { RequestId = request.RequestId, Assessor = "staff-man", AssessorCouncilCode = "MAN" }, grants.Staff);
        Assert.Contains("MAN", conflicted.ConflictOfInterest);
        await grants.Assessments.AssignAssessorAsync(new AssignAssessorRequest { RequestId = request.RequestId, Assessor = "staff-lds", AssessorCouncilCode = "LDS" }, grants.Staff);
        var excluded = await Assert.ThrowsAsync<RpcException>(() => grants.Assessments.ScoreGrantRequestAsync(Scores(request.RequestId), grants.Host.As("staff-man", "staff")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, excluded.StatusCode);
        var scored = await grants.Assessments.ScoreGrantRequestAsync(Scores(request.RequestId), grants.Host.As("staff-lds", "staff"));
        Assert.Equal(8, scored.Scores["evidence"]);

        // The conflicted assessor cannot decide it either; another member of staff awards it, saying why.
        var conflictedDecision = await Assert.ThrowsAsync<RpcException>(() => grants.Assessments.AwardGrantAsync(GrantsHost.Award(request.RequestId), grants.Host.As("staff-man", "staff")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, conflictedDecision.StatusCode);
        var grant = await grants.Assessments.AwardGrantAsync(GrantsHost.Award(request.RequestId), grants.Staff);
        Assert.Equal(1_800_000, grant.AwardedPence);
        var decided = await grants.Requests.GetGrantRequestAsync(new GetGrantRequestRequest { RequestId = request.RequestId }, birmingham);
        Assert.Equal((GrantRequestState.Awarded, "staff-1", "Strong design; results others can reuse."), (decided.State, decided.DecidedBy, decided.DecisionReason));
        var awarded = Assert.Single(await events.WaitForAsync<GrantAwarded>(1));
        Assert.Equal((Guid.Parse(grant.GrantId), 1_800_000L), (awarded.GrantId, awarded.AwardedPence));
        Assert.Equal(1_800_000, (await grants.Funds.GetFundAsync(new GetFundRequest { FundId = fund.FundId }, grants.Staff)).CommittedPence);

        // Staff may shrink the fund, but never below what it has committed.
        var smaller = new FundDetails { Name = "Experimentation fund", TotalPence = 1_799_999, MaximumAwardPence = 1_500_000, OpensAt = "2026-03-01T09:00", ClosesAt = "2026-04-01T12:00" };
        var shrunk = await Assert.ThrowsAsync<RpcException>(() => grants.Funds.ReviseFundAsync(new ReviseFundRequest { FundId = fund.FundId, Details = smaller }, grants.Staff).ResponseAsync);
        Assert.Equal(["total_pence"], shrunk.GetFieldViolations().Select(v => v.Field));
        smaller.TotalPence = 3_000_000;
        var revised = await grants.Funds.ReviseFundAsync(new ReviseFundRequest { FundId = fund.FundId, Details = smaller }, grants.Staff);
        Assert.Equal((3_000_000L, 1_200_000L, 1_500_000L), (revised.TotalPence, revised.RemainingPence, revised.MaximumAwardPence));

        // Two tranches; a third beyond the award is a field error and changes nothing.
        await grants.Grants.RecordPaymentAsync(new RecordPaymentRequest { GrantId = grant.GrantId, PaymentReference = "PAY-001", AmountPence = 1_000_000 }, grants.Staff);
        var beyond = await Assert.ThrowsAsync<RpcException>(() => grants.Grants.RecordPaymentAsync(
            new RecordPaymentRequest { GrantId = grant.GrantId, PaymentReference = "PAY-002", AmountPence = 900_000 }, grants.Staff).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, beyond.StatusCode);
        Assert.Equal("amount_pence", Assert.Single(beyond.GetFieldViolations()).Field);
        var paid = await grants.Grants.RecordPaymentAsync(new RecordPaymentRequest { GrantId = grant.GrantId, PaymentReference = "PAY-002", AmountPence = 800_000 }, grants.Staff);
        Assert.Equal(1_800_000, paid.PaidPence);
        Assert.Equal(["PAY-001", "PAY-002"], paid.Tranches.Select(t => t.PaymentReference));
        Assert.Equal(1_800_000, (await grants.Funds.GetFundAsync(new GetFundRequest { FundId = fund.FundId }, grants.Staff)).PaidPence);
        Assert.Equal([1_000_000L, 1_800_000L], (await events.WaitForAsync<GrantPaid>(2)).Select(p => p.PaidToDatePence).Order());

        // Leeds cannot report on Birmingham's grant; Manchester (a partner) and Birmingham can. Staff send it back, then accept it.
        var reportId = Assert.Single(paid.Reports).ReportId;
        var report = new SubmitReportRequest { GrantId = grant.GrantId, ReportId = reportId, WhatWasTried = "Texts to 4,000 first-time payers.", Results = "Arrears fell 11%.", ReusableByOthers = "Templates and the randomisation script." };
        var someoneElses = await Assert.ThrowsAsync<RpcException>(() => grants.Grants.SubmitReportAsync(report, grants.Member("LDS")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, someoneElses.StatusCode);
        Assert.Equal(ReportState.Due, Assert.Single((await grants.Grants.GetGrantAsync(new GetGrantRequest { GrantId = grant.GrantId }, grants.Staff)).Reports).State);
        await grants.Grants.SubmitReportAsync(report, grants.Member("MAN"));
        await grants.Grants.SendBackReportAsync(new SendBackReportRequest { GrantId = grant.GrantId, ReportId = reportId, Note = "Say how payers were chosen." }, grants.Staff);
        await grants.Grants.SubmitReportAsync(report, birmingham);
        var accepted = await grants.Grants.AcceptReportAsync(new AcceptReportRequest { GrantId = grant.GrantId, ReportId = reportId }, grants.Staff);
        Assert.Equal(ReportState.Accepted, Assert.Single(accepted.Reports).State);
        Assert.Equal(2, (await events.WaitForAsync<GrantReportSubmitted>(2)).Count);
    }

    [Fact]
    public async Task A_report_past_its_London_due_date_is_flagged_overdue_until_submitted()
    {
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        await grants.JoinAsync(("BIR", "Birmingham City Council", "E08000025"));
        var fund = await grants.OpenFundAsync();
        var request = await grants.UnderAssessmentAsync(fund, "BIR");
        var grant = await grants.Assessments.AwardGrantAsync(GrantsHost.Award(request.RequestId), grants.Staff);
        var overdue = new ListOverdueReportsRequest();

        // Due 30 November 2026: still due at 23:59 that day in London, overdue from the 1st of December.
        grants.Clock.Now = Upstream.Domain.Time.ProgrammeTime.ToInstant(new DateTime(2026, 11, 30, 23, 59, 0));
        Assert.Empty((await grants.Grants.ListOverdueReportsAsync(overdue, grants.Staff)).Reports);
        grants.Clock.Now = Upstream.Domain.Time.ProgrammeTime.ToInstant(new DateTime(2026, 12, 1, 0, 1, 0));
        var flagged = Assert.Single((await grants.Grants.ListOverdueReportsAsync(overdue, grants.Staff)).Reports);
        Assert.Equal((grant.GrantId, "BIR", "2026-11-30", true), (flagged.GrantId, flagged.LeadCouncilCode, flagged.Report.DueOn, flagged.Report.Overdue));

        await grants.Grants.SubmitReportAsync(
            new SubmitReportRequest { GrantId = grant.GrantId, ReportId = flagged.Report.ReportId, WhatWasTried = "Texts.", Results = "Fewer arrears.", ReusableByOthers = "Templates." },
            grants.Member("BIR"));
        Assert.Empty((await grants.Grants.ListOverdueReportsAsync(overdue, grants.Staff)).Reports);
    }

    private static ScoreGrantRequestRequest Scores(string requestId)
    {
        var scores = new ScoreGrantRequestRequest { RequestId = requestId, Comment = "Well designed." };
        scores.Scores.Add(new Dictionary<string, int> { ["evidence"] = 8, ["replicability"] = 7, ["evaluation"] = 9, ["benefit"] = 6 });
        return scores;
    }
}
