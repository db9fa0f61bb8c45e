using Google.Rpc;
using Grpc.Core;
using Upstream.Contracts.Events;
using Upstream.Events.V1;
using static Upstream.Testing.Events.ExpenseClaims;

namespace Upstream.Integration.Tests.Events;

/// <summary>A residential attendee's claim from draft to paid, and each refusal leaving the claim as it was.</summary>
public sealed class ExpenseClaimTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task An_attendees_claim_goes_from_draft_to_paid_once_and_every_refusal_changes_nothing()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        await using var tap = await EventsHost.TapAsync(events.Host.Broker);
        var (residential, attended, missed) = await events.AttendedResidentialAsync();
        var member = events.Member("BIR");

        // Ben missed both days: he may not claim.
        var absent = await Assert.ThrowsAsync<RpcException>(() => events.Claims.DraftExpenseClaimAsync(Draft(residential, missed, Accommodation(12_000)), member).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, absent.StatusCode);

        // Above the per-night cap: the draft is kept, its submission refused with the line named.
        var over = await events.Claims.DraftExpenseClaimAsync(Draft(residential, attended, Accommodation(15_000)), member);
        var capped = await Assert.ThrowsAsync<RpcException>(() => events.Claims.SubmitExpenseClaimAsync(new SubmitExpenseClaimRequest { ClaimId = over.ClaimId }, member).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, capped.StatusCode);
        Assert.Contains("lines[0].amount_pence", capped.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.Equal(ExpenseClaimState.Draft, (await events.Claims.GetExpenseClaimAsync(new GetExpenseClaimRequest { ClaimId = over.ClaimId }, member)).State);

        // Within every cap: 40 miles at 45p, a night, a day's subsistence.
        var claim = await events.Claims.DraftExpenseClaimAsync(Draft(residential, attended, Travel(1_800, miles: 40), Accommodation(12_000), Subsistence(2_000)), member);
        Assert.Equal(15_800, claim.TotalPence);
        await events.Claims.SubmitExpenseClaimAsync(new SubmitExpenseClaimRequest { ClaimId = claim.ClaimId }, member);

        // A member cannot approve; nor can staff approve a claim they made themselves.
        var byMember = await Assert.ThrowsAsync<RpcException>(() => events.Claims.ApproveExpenseClaimAsync(new ApproveExpenseClaimRequest { ClaimId = claim.ClaimId }, member).ResponseAsync);
        var own = await events.Claims.DraftExpenseClaimAsync(Draft(residential, attended, Subsistence(1_000)), events.Staff);
        await events.Claims.SubmitExpenseClaimAsync(new SubmitExpenseClaimRequest { ClaimId = own.ClaimId }, events.Staff);
        var self = await Assert.ThrowsAsync<RpcException>(() => events.Claims.ApproveExpenseClaimAsync(new ApproveExpenseClaimRequest { ClaimId = own.ClaimId }, events.Staff).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (byMember.StatusCode, self.StatusCode));
        Assert.Equal(ExpenseClaimState.Submitted, (await events.Claims.GetExpenseClaimAsync(new GetExpenseClaimRequest { ClaimId = own.ClaimId }, events.Staff)).State);

        var approver = events.Host.As("staff-2", Upstream.ServiceDefaults.Identity.Roles.Staff);
        await events.Claims.ApproveExpenseClaimAsync(new ApproveExpenseClaimRequest { ClaimId = claim.ClaimId }, approver);
        var paid = await events.Claims.PayExpenseClaimAsync(new PayExpenseClaimRequest { ClaimId = claim.ClaimId, PaymentReference = "BACS-0001" }, approver);
        Assert.Equal((ExpenseClaimState.Paid, "BACS-0001"), (paid.State, paid.PaymentReference));

        // Paying twice is refused and the first payment stands.
        var twice = await Assert.ThrowsAsync<RpcException>(() => events.Claims.PayExpenseClaimAsync(new PayExpenseClaimRequest { ClaimId = claim.ClaimId, PaymentReference = "BACS-0002" }, approver).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);
        Assert.Equal("BACS-0001", (await events.Claims.GetExpenseClaimAsync(new GetExpenseClaimRequest { ClaimId = claim.ClaimId }, member)).PaymentReference);
        var announced = Assert.Single(await tap.WaitForAsync<ExpenseClaimPaid>(1));
        Assert.Equal((Guid.Parse(claim.ClaimId), 15_800L, "BACS-0001", "BIR"), (announced.ClaimId, announced.AmountPence, announced.PaymentReference, announced.CouncilCode));

        var totals = await events.Claims.GetExpenseClaimTotalsAsync(new GetExpenseClaimTotalsRequest { ProgrammeEventId = residential.ProgrammeEventId }, approver);
        Assert.Equal((1_000L, 0L, 15_800L), (totals.SubmittedPence, totals.ApprovedPence, totals.PaidPence));
        Assert.Equal([("BIR", 1_000L, 15_800L)], totals.Councils.Select(c => (c.CouncilCode, c.SubmittedPence, c.PaidPence)));
        var forbidden = await Assert.ThrowsAsync<RpcException>(() => events.Claims.GetExpenseClaimTotalsAsync(new GetExpenseClaimTotalsRequest { ProgrammeEventId = residential.ProgrammeEventId }, member).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, forbidden.StatusCode);
    }

    [Fact]
    public async Task A_councils_claims_for_one_event_stay_within_the_per_event_cap()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        var (residential, attended, _) = await events.AttendedResidentialAsync();
        var member = events.Member("BIR");

        // Ten nights at the cap come to GBP 1,200: the council's whole allowance for the event.
        var first = await events.Claims.DraftExpenseClaimAsync(Draft(residential, attended, Accommodation(120_000, nights: 10)), member);
        await events.Claims.SubmitExpenseClaimAsync(new SubmitExpenseClaimRequest { ClaimId = first.ClaimId }, member);
        var second = await events.Claims.DraftExpenseClaimAsync(Draft(residential, attended, Subsistence(500)), member);

        var refused = await Assert.ThrowsAsync<RpcException>(() => events.Claims.SubmitExpenseClaimAsync(new SubmitExpenseClaimRequest { ClaimId = second.ClaimId }, member).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal(ExpenseClaimState.Draft, (await events.Claims.GetExpenseClaimAsync(new GetExpenseClaimRequest { ClaimId = second.ClaimId }, member)).State);
    }

    [Fact]
    public async Task Of_claims_submitted_at_once_only_those_within_the_councils_cap_go_through()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        var (residential, attended, _) = await events.AttendedResidentialAsync();
        var member = events.Member("BIR");

        // Twenty claims of GBP 350 (three nights each): the council's GBP 1,200 for the event holds three of them.
        var drafts = new List<ExpenseClaim>();
        for (var i = 0; i < 20; i++)
        {
            drafts.Add(await events.Claims.DraftExpenseClaimAsync(Draft(residential, attended, Accommodation(35_000, nights: 3)), member));
        }

        var outcomes = await Task.WhenAll(drafts.Select(async d =>
        {
            try
            {
                await events.Claims.SubmitExpenseClaimAsync(new SubmitExpenseClaimRequest { ClaimId = d.ClaimId }, member);
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));

        Assert.Equal((3, 17), (outcomes.Count(o => o == StatusCode.OK), outcomes.Count(o => o == StatusCode.FailedPrecondition)));
        Assert.Equal(105_000, await events.CountAsync("SELECT sum(total_pence) FROM expense_claims WHERE state = 'Submitted'"));
    }
}
