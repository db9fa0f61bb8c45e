using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Grants;
using Upstream.Contracts.Network;
using Upstream.Grants.Data;
using Upstream.Grants.V1;
using Upstream.Protos.Errors;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Integration.Tests.Grants;

/// <summary>Bad input, the window, membership, who sees what, and erasure: each refused clearly, nothing changed.</summary>
public sealed class GrantRulesTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task The_model_agrees_with_the_services_migrations()
    {
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        await using var db = new GrantsDb(new DbContextOptionsBuilder<GrantsDb>().UseNpgsql(grants.Database).Options);

        Assert.Empty(await SchemaAgreement.FindDifferencesAsync(db));
    }

    [Fact]
    public async Task A_fund_with_bad_details_hears_of_every_problem_at_once_and_an_empty_fund_has_no_360Giving_package()
    {
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        var details = new FundDetails { Name = " ", TotalPence = -1, OpensAt = "soon", ClosesAt = "2026-03-29T01:30", Purposes = { "marketing" } };

        var refused = await Assert.ThrowsAsync<RpcException>(() => grants.Funds.CreateFundAsync(new CreateFundRequest { Details = details }, grants.Staff).ResponseAsync);

        // 01:30 on 29 March 2026 does not exist in London: the clocks go forward at 01:00.
        Assert.Equal(["opens_at", "closes_at", "name", "total_pence", "maximum_award_pence", "purposes"], refused.GetFieldViolations().Select(v => v.Field));
        Assert.Empty((await grants.Funds.ListFundsAsync(new ListFundsRequest(), grants.Staff)).Funds);
        var fund = await grants.OpenFundAsync();
        var empty = await Assert.ThrowsAsync<RpcException>(() => grants.Funds.ExportOpenDataAsync(new ExportOpenDataRequest { FundId = fund.FundId }, grants.Partner).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, empty.StatusCode);
    }

    [Fact]
    public async Task An_amount_out_of_range_or_a_budget_that_does_not_add_up_is_a_field_error_and_nothing_is_saved()
    {
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        await grants.JoinAsync(("BIR", "Birmingham City Council", "E08000025"));
        var fund = await grants.OpenFundAsync();
        var birmingham = grants.Member("BIR");

        var tooMuch = GrantsHost.Details(2_500_000);
        var outOfRange = await Assert.ThrowsAsync<RpcException>(() => grants.Requests.DraftGrantRequestAsync(new DraftGrantRequestRequest { FundId = fund.FundId, Details = tooMuch }, birmingham).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, outOfRange.StatusCode);
        Assert.Equal(["amount_pence"], outOfRange.GetFieldViolations().Select(v => v.Field));
        Assert.Contains("£10,000.00 to £20,000.00", outOfRange.GetFieldViolations()[0].Description);

        var unbalanced = GrantsHost.Details(1_500_000);
        unbalanced.BudgetLines[0].AmountPence -= 1;
        var sums = await Assert.ThrowsAsync<RpcException>(() => grants.Requests.DraftGrantRequestAsync(new DraftGrantRequestRequest { FundId = fund.FundId, Details = unbalanced }, birmingham).ResponseAsync);
        Assert.Equal(["budget_lines"], sums.GetFieldViolations().Select(v => v.Field));
        Assert.Contains("£14,999.99", sums.GetFieldViolations()[0].Description);

        var badDate = GrantsHost.Details();
        badDate.PlannedStart = "1 May";
        var date = await Assert.ThrowsAsync<RpcException>(() => grants.Requests.DraftGrantRequestAsync(new DraftGrantRequestRequest { FundId = fund.FundId, Details = badDate }, birmingham).ResponseAsync);
        Assert.Equal(["planned_start"], date.GetFieldViolations().Select(v => v.Field));

        Assert.Empty((await grants.Requests.ListGrantRequestsAsync(new ListGrantRequestsRequest { FundId = fund.FundId }, grants.Staff)).GrantRequests);
    }

    [Fact]
    public async Task Only_current_members_may_apply_and_only_while_the_London_window_is_open()
    {
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        await grants.JoinAsync(("BIR", "Birmingham City Council", "E08000025"), ("MAN", "Manchester City Council", "E08000003"));
        var fund = await grants.OpenFundAsync();

        var outsider = await Assert.ThrowsAsync<RpcException>(() => grants.SubmittedAsync(fund, "KEN"));
        Assert.Equal(StatusCode.FailedPrecondition, outsider.StatusCode);
        var outsidePartner = await Assert.ThrowsAsync<RpcException>(() => grants.SubmittedAsync(fund, "BIR", 1_500_000, "KEN"));
        Assert.Contains("KEN", outsidePartner.Status.Detail);

        // Manchester drafts, then leaves the network: it can no longer submit.
        var draft = await grants.Requests.DraftGrantRequestAsync(new DraftGrantRequestRequest { FundId = fund.FundId, Details = GrantsHost.Details() }, grants.Member("MAN"));
        await grants.PublishAsync(new MemberLeft(Guid.NewGuid(), grants.Clock.Now, Guid.NewGuid(), "MAN", "Left the programme"));
        await Eventually.ReturnsAsync(() => grants.CountAsync("SELECT count(*) FROM member_councils WHERE council_code = 'MAN' AND NOT current"), n => n == 1, "Grants to hear Manchester left");
        var left = await Assert.ThrowsAsync<RpcException>(() => grants.Requests.SubmitGrantRequestAsync(new SubmitGrantRequestRequest { RequestId = draft.RequestId }, grants.Member("MAN")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, left.StatusCode);

        // The window closes at 12:00 London time (BST on 1 April 2026): 11:59 is in, 12:00 is out.
        var birmingham = grants.Member("BIR");
        var early = await grants.Requests.DraftGrantRequestAsync(new DraftGrantRequestRequest { FundId = fund.FundId, Details = GrantsHost.Details() }, birmingham);
        var late = await grants.Requests.DraftGrantRequestAsync(new DraftGrantRequestRequest { FundId = fund.FundId, Details = GrantsHost.Details() }, birmingham);
        grants.Clock.Now = GrantsHost.Closes.AddMinutes(-1);
        Assert.Equal(GrantRequestState.Submitted, (await grants.Requests.SubmitGrantRequestAsync(new SubmitGrantRequestRequest { RequestId = early.RequestId }, birmingham)).State);
        grants.Clock.Now = GrantsHost.Closes;
        var closed = await Assert.ThrowsAsync<RpcException>(() => grants.Requests.SubmitGrantRequestAsync(new SubmitGrantRequestRequest { RequestId = late.RequestId }, birmingham).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, closed.StatusCode);
        Assert.Contains("12:00 on Wednesday 1 April 2026", closed.Status.Detail);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 11, 0, 0, TimeSpan.Zero), GrantsHost.Closes);
    }

    [Fact]
    public async Task Members_see_their_own_councils_requests_partners_only_awarded_grants_and_staff_decide()
    {
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        await grants.JoinAsync(("BIR", "Birmingham City Council", "E08000025"), ("MAN", "Manchester City Council", "E08000003"));
        var fund = await grants.OpenFundAsync();
        var request = await grants.UnderAssessmentAsync(fund, "BIR");
        await grants.SubmittedAsync(fund, "MAN");

        var byManchester = await Assert.ThrowsAsync<RpcException>(() => grants.Requests.GetGrantRequestAsync(new GetGrantRequestRequest { RequestId = request.RequestId }, grants.Member("MAN")).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, byManchester.StatusCode);
        var own = await grants.Requests.ListGrantRequestsAsync(new ListGrantRequestsRequest { FundId = fund.FundId }, grants.Member("BIR"));
        Assert.Equal([request.RequestId], own.GrantRequests.Select(r => r.RequestId));
        var byPartner = await Assert.ThrowsAsync<RpcException>(() => grants.Requests.ListGrantRequestsAsync(new ListGrantRequestsRequest { FundId = fund.FundId }, grants.Partner).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, byPartner.StatusCode);
        var memberDecides = await Assert.ThrowsAsync<RpcException>(() => grants.Assessments.AwardGrantAsync(GrantsHost.Award(request.RequestId), grants.Member("BIR")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, memberDecides.StatusCode);
        var memberPays = await Assert.ThrowsAsync<RpcException>(() => grants.Funds.ExportOpenDataAsync(new ExportOpenDataRequest { FundId = fund.FundId }, grants.Member("BIR")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, memberPays.StatusCode);

        Assert.Empty((await grants.Grants.ListGrantsAsync(new ListGrantsRequest { FundId = fund.FundId }, grants.Partner)).Grants);
        var grant = await grants.Assessments.AwardGrantAsync(GrantsHost.Award(request.RequestId), grants.Staff);
        Assert.Equal([grant.GrantId], (await grants.Grants.ListGrantsAsync(new ListGrantsRequest { FundId = fund.FundId }, grants.Partner)).Grants.Select(g => g.GrantId));
        Assert.Empty((await grants.Grants.ListGrantsAsync(new ListGrantsRequest { FundId = fund.FundId }, grants.Member("MAN"))).Grants);
    }

    [Fact]
    public async Task A_declined_request_records_who_declined_it_and_why()
    {
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        await using var events = await GrantsHost.TapAsync(grants.Host.Broker);
        await grants.JoinAsync(("BIR", "Birmingham City Council", "E08000025"));
        var fund = await grants.OpenFundAsync();
        var request = await grants.UnderAssessmentAsync(fund, "BIR");

        var noReason = await Assert.ThrowsAsync<RpcException>(() => grants.Assessments.DeclineGrantRequestAsync(new DeclineGrantRequestRequest { RequestId = request.RequestId }, grants.Staff).ResponseAsync);
        Assert.Equal(["reason"], noReason.GetFieldViolations().Select(v => v.Field));
        var declined = await grants.Assessments.DeclineGrantRequestAsync(new DeclineGrantRequestRequest { RequestId = request.RequestId, Reason = "No comparison group." }, grants.Staff);

        Assert.Equal((GrantRequestState.Declined, "staff-1", "No comparison group."), (declined.State, declined.DecidedBy, declined.DecisionReason));
        var told = Assert.Single(await events.WaitForAsync<GrantDeclined>(1));
        Assert.Equal((Guid.Parse(request.RequestId), "BIR", "No comparison group."), (told.RequestId, told.LeadCouncilCode, told.Reason));
        var withdrawn = await Assert.ThrowsAsync<RpcException>(() => grants.Requests.WithdrawGrantRequestAsync(new WithdrawGrantRequestRequest { RequestId = request.RequestId }, grants.Member("BIR")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, withdrawn.StatusCode);
        var again = await Assert.ThrowsAsync<RpcException>(() => grants.Assessments.AwardGrantAsync(GrantsHost.Award(request.RequestId), grants.Staff).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }

    [Fact]
    public async Task A_person_who_asks_to_be_forgotten_disappears_from_the_requests_they_were_the_contact_for()
    {
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        await grants.JoinAsync(("BIR", "Birmingham City Council", "E08000025"));
        var fund = await grants.OpenFundAsync();
        var request = await grants.SubmittedAsync(fund, "BIR");

        await grants.PublishAsync(new PersonErased(Guid.NewGuid(), grants.Clock.Now, Guid.NewGuid(), "BIR", ErasedEmail.Hash(" Ada@Example.gov.uk ")));

        var erased = await Eventually.ReturnsAsync(
            () => grants.Requests.GetGrantRequestAsync(new GetGrantRequestRequest { RequestId = request.RequestId }, grants.Staff).ResponseAsync,
            r => r.Contact.Email == "",
            "the contact to be erased");
        Assert.Equal(("(erased)", GrantRequestState.Submitted, request.Title), (erased.Contact.Name, erased.State, erased.Title));
        Assert.Equal(0, await grants.CountAsync("SELECT count(*) FROM grant_requests WHERE contact::text ILIKE '%ada%'"));
    }
}
