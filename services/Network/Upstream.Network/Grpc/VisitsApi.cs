using Grpc.Core;
using Upstream.Network.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Network.Grpc;

/// <summary>VisitService: staff record discovery visits to members and the findings made on them.</summary>
public sealed class VisitsApi(VisitDesk desk) : V1.VisitService.VisitServiceBase
{
    public override async Task<V1.Visit> RecordVisit(V1.VisitRecordRequest request, ServerCallContext context) =>
        (await desk.RecordAsync(context.Caller(), request.FromProto(), context.CancellationToken)).ToProto();

    public override async Task<V1.Visit> GetVisit(V1.VisitGetRequest request, ServerCallContext context) =>
        (await desk.GetAsync(context.Caller(), ProtoMapping.Id(request.VisitId, "visit_id"), context.CancellationToken)).ToProto();

    public override async Task<V1.VisitListResponse> ListVisits(V1.VisitListRequest request, ServerCallContext context)
    {
        var response = new V1.VisitListResponse();
        response.Visits.AddRange((await desk.ListAsync(context.Caller(), ProtoMapping.Optional(request.CouncilCode), context.CancellationToken)).Select(v => v.ToProto()));
        return response;
    }

    public override async Task<V1.Finding> AddFinding(V1.FindingAddRequest request, ServerCallContext context) =>
        (await desk.AddFindingAsync(context.Caller(), ProtoMapping.Id(request.VisitId, "visit_id"), request.Finding.FromProto(), context.CancellationToken)).ToProto();
}
