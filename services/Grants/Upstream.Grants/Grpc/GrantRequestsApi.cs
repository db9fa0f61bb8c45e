using Grpc.Core;
using Upstream.Grants.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Grants.Grpc;

/// <summary>GrantRequestService: member councils draft, revise, submit and withdraw their requests.</summary>
public sealed class GrantRequestsApi(RequestDesk desk) : V1.GrantRequestService.GrantRequestServiceBase
{
    public override async Task<V1.GrantRequest> DraftGrantRequest(V1.DraftGrantRequestRequest request, ServerCallContext context)
    {
        var fundId = WireInput.Id(request.FundId, "fund_id");
        return (await desk.DraftAsync(context.Caller(), fundId, request.Details.FromProto(), context.CancellationToken)).ToProto();
    }

    public override async Task<V1.GrantRequest> ReviseGrantRequest(V1.ReviseGrantRequestRequest request, ServerCallContext context)
    {
        var id = WireInput.Id(request.RequestId, "request_id");
        return (await desk.ReviseAsync(context.Caller(), id, request.Details.FromProto(), context.CancellationToken)).ToProto();
    }

    public override async Task<V1.GrantRequest> SubmitGrantRequest(V1.SubmitGrantRequestRequest request, ServerCallContext context) =>
        (await desk.SubmitAsync(context.Caller(), WireInput.Id(request.RequestId, "request_id"), context.CancellationToken)).ToProto();

    public override async Task<V1.GrantRequest> WithdrawGrantRequest(V1.WithdrawGrantRequestRequest request, ServerCallContext context) =>
        (await desk.WithdrawAsync(context.Caller(), WireInput.Id(request.RequestId, "request_id"), request.Reason, context.CancellationToken)).ToProto();

    public override async Task<V1.GrantRequest> GetGrantRequest(V1.GetGrantRequestRequest request, ServerCallContext context) =>
        (await desk.GetAsync(context.Caller(), WireInput.Id(request.RequestId, "request_id"), context.CancellationToken)).ToProto();

    public override async Task<V1.ListGrantRequestsResponse> ListGrantRequests(V1.ListGrantRequestsRequest request, ServerCallContext context)
    {
        var response = new V1.ListGrantRequestsResponse();
        var requests = await desk.ListAsync(context.Caller(), WireInput.Id(request.FundId, "fund_id"), context.CancellationToken);
        response.GrantRequests.AddRange(requests.Select(r => r.ToProto()));
        return response;
    }
}
