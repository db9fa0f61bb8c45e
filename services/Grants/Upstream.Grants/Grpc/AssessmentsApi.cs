using Grpc.Core;
using Upstream.Grants.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Grants.Grpc;

/// <summary>AssessmentService: staff assign assessors, assessors score or declare conflicts, staff award or decline.</summary>
public sealed class AssessmentsApi(AssessmentDesk desk, TimeProvider clock) : V1.AssessmentService.AssessmentServiceBase
{
    public override async Task<V1.Assessment> AssignAssessor(V1.AssignAssessorRequest request, ServerCallContext context)
    {
        var id = WireInput.Id(request.RequestId, "request_id");
        return (await desk.AssignAsync(context.Caller(), id, request.Assessor, request.AssessorCouncilCode, context.CancellationToken)).ToProto();
    }

    public override async Task<V1.Assessment> ScoreGrantRequest(V1.ScoreGrantRequestRequest request, ServerCallContext context)
    {
        var id = WireInput.Id(request.RequestId, "request_id");
        return (await desk.ScoreAsync(context.Caller(), id, request.Scores, request.Comment, context.CancellationToken)).ToProto();
    }

    public override async Task<V1.Assessment> DeclareAssessorConflict(V1.DeclareAssessorConflictRequest request, ServerCallContext context)
    {
        var id = WireInput.Id(request.RequestId, "request_id");
        return (await desk.DeclareConflictAsync(context.Caller(), id, request.ConflictOfInterest, context.CancellationToken)).ToProto();
    }

    public override async Task<V1.ListAssessmentsResponse> ListAssessments(V1.ListAssessmentsRequest request, ServerCallContext context)
    {
        var response = new V1.ListAssessmentsResponse();
        var assessments = await desk.ListAsync(context.Caller(), WireInput.Id(request.RequestId, "request_id"), context.CancellationToken);
        response.Assessments.AddRange(assessments.Select(a => a.ToProto()));
        return response;
    }

    public override async Task<V1.Grant> AwardGrant(V1.AwardGrantRequest request, ServerCallContext context)
    {
        var input = new WireInput();
        var id = input.Guid(request.RequestId, "request_id");
        var dueDates = request.ReportDueDates.Select(d => input.Date(d, "report_due_dates")).ToList();
        input.ThrowIfAny();
        var grant = await desk.AwardAsync(context.Caller(), id, request.AmountPence, request.Reason, [.. request.Conditions], dueDates, context.CancellationToken);
        return grant.ToProto(clock.GetUtcNow());
    }

    public override async Task<V1.GrantRequest> DeclineGrantRequest(V1.DeclineGrantRequestRequest request, ServerCallContext context) =>
        (await desk.DeclineAsync(context.Caller(), WireInput.Id(request.RequestId, "request_id"), request.Reason, context.CancellationToken)).ToProto();
}
