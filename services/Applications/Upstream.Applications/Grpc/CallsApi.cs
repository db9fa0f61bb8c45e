using Upstream.Applications.Handling;
using Grpc.Core;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Applications.Grpc;

/// <summary>CallService: staff draft, revise and publish calls; anyone may read published ones.</summary>
public sealed class CallsApi(CallDesk desk, TimeProvider clock) : V1.CallService.CallServiceBase
{
    public override async Task<V1.Call> DraftCall(V1.DraftCallRequest request, ServerCallContext context) =>
        (await desk.DraftAsync(context.Caller(), request.Details.FromProto(), context.CancellationToken)).ToProto(clock.GetUtcNow());

    public override async Task<V1.Call> ReviseCall(V1.ReviseCallRequest request, ServerCallContext context)
    {
        var id = ProtoMapping.Id(request.CallId, "call_id");
        return (await desk.ReviseAsync(context.Caller(), id, request.Details.FromProto(), context.CancellationToken)).ToProto(clock.GetUtcNow());
    }

    public override async Task<V1.Call> PublishCall(V1.PublishCallRequest request, ServerCallContext context) =>
        (await desk.PublishAsync(context.Caller(), ProtoMapping.Id(request.CallId, "call_id"), context.CancellationToken)).ToProto(clock.GetUtcNow());

    public override async Task<V1.Call> GetCall(V1.GetCallRequest request, ServerCallContext context) =>
        (await desk.GetAsync(context.Caller(), ProtoMapping.Id(request.CallId, "call_id"), context.CancellationToken)).ToProto(clock.GetUtcNow());

    public override async Task<V1.ListCallsResponse> ListCalls(V1.ListCallsRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var response = new V1.ListCallsResponse();
        response.Calls.AddRange((await desk.ListAsync(context.Caller(), context.CancellationToken)).Select(c => c.ToProto(now)));
        return response;
    }
}
