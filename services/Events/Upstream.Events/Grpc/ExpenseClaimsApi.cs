using Grpc.Core;
using Upstream.Events.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Events.Grpc;

/// <summary>ExpenseClaimService: drafting, submitting, deciding and paying claims; finance's totals.</summary>
public sealed class ExpenseClaimsApi(ExpenseClaimDesk desk) : V1.ExpenseClaimService.ExpenseClaimServiceBase
{
    public override async Task<V1.ExpenseClaim> DraftExpenseClaim(V1.DraftExpenseClaimRequest request, ServerCallContext context)
    {
        var (eventId, registrationId) = WireInput.Ids(request.ProgrammeEventId, "programme_event_id", request.RegistrationId, "registration_id");
        var lines = request.Lines.FromProto();
        return (await desk.DraftAsync(context.Caller(), eventId, registrationId, lines, context.CancellationToken)).ToProto();
    }

    public override async Task<V1.ExpenseClaim> SubmitExpenseClaim(V1.SubmitExpenseClaimRequest request, ServerCallContext context) =>
        (await desk.SubmitAsync(context.Caller(), ClaimId(request.ClaimId), context.CancellationToken)).ToProto();

    public override async Task<V1.ExpenseClaim> ApproveExpenseClaim(V1.ApproveExpenseClaimRequest request, ServerCallContext context) =>
        (await desk.ApproveAsync(context.Caller(), ClaimId(request.ClaimId), context.CancellationToken)).ToProto();

    public override async Task<V1.ExpenseClaim> RejectExpenseClaim(V1.RejectExpenseClaimRequest request, ServerCallContext context) =>
        (await desk.RejectAsync(context.Caller(), ClaimId(request.ClaimId), request.Reason, context.CancellationToken)).ToProto();

    public override async Task<V1.ExpenseClaim> PayExpenseClaim(V1.PayExpenseClaimRequest request, ServerCallContext context) =>
        (await desk.PayAsync(context.Caller(), ClaimId(request.ClaimId), request.PaymentReference, context.CancellationToken)).ToProto();

    public override async Task<V1.ExpenseClaim> GetExpenseClaim(V1.GetExpenseClaimRequest request, ServerCallContext context) =>
        (await desk.GetAsync(context.Caller(), ClaimId(request.ClaimId), context.CancellationToken)).ToProto();

    public override async Task<V1.ListExpenseClaimsResponse> ListExpenseClaims(V1.ListExpenseClaimsRequest request, ServerCallContext context)
    {
        Guid? eventId = request.ProgrammeEventId.Length == 0 ? null : WireInput.Id(request.ProgrammeEventId, "programme_event_id");
        var response = new V1.ListExpenseClaimsResponse();
        response.Claims.AddRange((await desk.ListAsync(context.Caller(), eventId, context.CancellationToken)).Select(c => c.ToProto()));
        return response;
    }

    public override async Task<V1.ExpenseClaimTotals> GetExpenseClaimTotals(V1.GetExpenseClaimTotalsRequest request, ServerCallContext context)
    {
        var eventId = WireInput.Id(request.ProgrammeEventId, "programme_event_id");
        return (await desk.TotalsAsync(context.Caller(), eventId, context.CancellationToken)).ToProto(eventId);
    }

    private static Guid ClaimId(string value) => WireInput.Id(value, "claim_id");
}
