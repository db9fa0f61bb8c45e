using Upstream.Applications.Handling;
using Grpc.Core;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Applications.Grpc;

/// <summary>ReviewService: staff score applications or declare a conflict, and read reviews blind until they have reviewed.</summary>
public sealed class ReviewsApi(ReviewDesk desk) : V1.ReviewService.ReviewServiceBase
{
    public override async Task<V1.Review> ScoreApplication(V1.ScoreApplicationRequest request, ServerCallContext context)
    {
        var id = ProtoMapping.Id(request.ApplicationId, "application_id");
        return (await desk.ScoreAsync(context.Caller(), id, request.Scores, context.CancellationToken)).ToProto();
    }

    public override async Task<V1.Review> DeclareConflict(V1.DeclareConflictRequest request, ServerCallContext context)
    {
        var id = ProtoMapping.Id(request.ApplicationId, "application_id");
        return (await desk.DeclareConflictAsync(context.Caller(), id, request.ConflictOfInterest, context.CancellationToken)).ToProto();
    }

    public override async Task<V1.ListReviewsResponse> ListReviews(V1.ListReviewsRequest request, ServerCallContext context)
    {
        var id = ProtoMapping.Id(request.ApplicationId, "application_id");
        var response = new V1.ListReviewsResponse();
        response.Reviews.AddRange((await desk.ReviewsAsync(context.Caller(), id, allReviews: false, context.CancellationToken)).Select(r => r.ToProto()));
        return response;
    }
}
