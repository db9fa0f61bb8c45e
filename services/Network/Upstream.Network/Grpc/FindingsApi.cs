using Grpc.Core;
using Upstream.Network.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Network.Grpc;

/// <summary>FindingService: staff read the findings of every visit, filtered by kind, theme, dimension or member.</summary>
public sealed class FindingsApi(VisitDesk desk) : V1.FindingService.FindingServiceBase
{
    public override async Task<V1.FindingListResponse> ListFindings(V1.FindingListRequest request, ServerCallContext context)
    {
        var response = new V1.FindingListResponse();
        response.Findings.AddRange((await desk.FindingsAsync(context.Caller(), request.FromProto(), context.CancellationToken)).Select(f => f.ToProto()));
        return response;
    }
}
