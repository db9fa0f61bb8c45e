using Grpc.Core;
using Upstream.Network.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Network.Grpc;

/// <summary>WorkgroupService: forming workgroups, joining and leaving them, the lead, and their learning products.</summary>
public sealed class WorkgroupsApi(WorkgroupDesk workgroups, LearningProductDesk products) : V1.WorkgroupService.WorkgroupServiceBase
{
    public override async Task<V1.Workgroup> FormWorkgroup(V1.WorkgroupFormRequest request, ServerCallContext context) =>
        (await workgroups.FormAsync(context.Caller(), request.FromProto(), context.CancellationToken)).ToProto();

    public override async Task<V1.Workgroup> GetWorkgroup(V1.WorkgroupGetRequest request, ServerCallContext context) =>
        (await workgroups.GetAsync(context.Caller(), WorkgroupId(request.WorkgroupId), context.CancellationToken)).ToProto();

    public override async Task<V1.WorkgroupListResponse> ListWorkgroups(V1.WorkgroupListRequest request, ServerCallContext context)
    {
        var found = await workgroups.ListAsync(context.Caller(), ProtoMapping.Optional(request.Theme), ProtoMapping.Optional(request.CouncilCode), context.CancellationToken);
        var response = new V1.WorkgroupListResponse();
        response.Workgroups.AddRange(found.Select(w => w.ToProto()));
        return response;
    }

    public override async Task<V1.Workgroup> JoinWorkgroup(V1.WorkgroupJoinRequest request, ServerCallContext context) =>
        (await workgroups.JoinAsync(context.Caller(), WorkgroupId(request.WorkgroupId), request.CouncilCode, context.CancellationToken)).ToProto();

    public override async Task<V1.Workgroup> LeaveWorkgroup(V1.WorkgroupLeaveRequest request, ServerCallContext context) =>
        (await workgroups.LeaveAsync(context.Caller(), WorkgroupId(request.WorkgroupId), request.CouncilCode, context.CancellationToken)).ToProto();

    public override async Task<V1.Workgroup> HandOverWorkgroupLead(V1.WorkgroupLeadHandOverRequest request, ServerCallContext context) =>
        (await workgroups.HandOverLeadAsync(context.Caller(), WorkgroupId(request.WorkgroupId), request.CouncilCode, context.CancellationToken)).ToProto();

    public override async Task<V1.LearningProductSubmission> SubmitLearningProduct(V1.LearningProductSubmitRequest request, ServerCallContext context) =>
        (await products.SubmitAsync(context.Caller(), WorkgroupId(request.WorkgroupId), request.FromProto(), context.CancellationToken)).ToProto();

    public override async Task<V1.LearningProductSubmissionListResponse> ListLearningProductSubmissions(V1.LearningProductSubmissionListRequest request, ServerCallContext context)
    {
        var response = new V1.LearningProductSubmissionListResponse();
        response.Submissions.AddRange((await products.ListAsync(context.Caller(), WorkgroupId(request.WorkgroupId), context.CancellationToken)).Select(s => s.ToProto()));
        return response;
    }

    private static Guid WorkgroupId(string value) => ProtoMapping.Id(value, "workgroup_id");
}
