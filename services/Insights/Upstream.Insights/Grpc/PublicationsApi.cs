using Grpc.Core;
using Upstream.Insights.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Insights.Grpc;

/// <summary>PublicationService: insight pieces from draft to published (or retracted), and a watch on them.</summary>
public sealed class PublicationsApi(PublicationDesk desk, PublicationWatch watch) : V1.PublicationService.PublicationServiceBase
{
    public override async Task<V1.Publication> DraftPublication(V1.DraftPublicationRequest request, ServerCallContext context) =>
        (await desk.DraftAsync(context.Caller(), request.Details.ToDraft(), context.CancellationToken)).ToProto();

    public override async Task<V1.Publication> RevisePublication(V1.RevisePublicationRequest request, ServerCallContext context)
    {
        var id = WireInput.Id(request.PublicationId, "publication_id");
        return (await desk.ReviseAsync(context.Caller(), id, request.Details.ToDraft(), context.CancellationToken)).ToProto();
    }

    public override async Task<V1.Publication> SubmitPublicationForReview(V1.SubmitPublicationForReviewRequest request, ServerCallContext context) =>
        (await desk.SubmitForReviewAsync(context.Caller(), WireInput.Id(request.PublicationId, "publication_id"), context.CancellationToken)).ToProto();

    public override async Task<V1.Publication> PublishPublication(V1.PublishPublicationRequest request, ServerCallContext context) =>
        (await desk.PublishAsync(context.Caller(), WireInput.Id(request.PublicationId, "publication_id"), context.CancellationToken)).ToProto();

    public override async Task<V1.Publication> RetractPublication(V1.RetractPublicationRequest request, ServerCallContext context) =>
        (await desk.RetractAsync(context.Caller(), WireInput.Id(request.PublicationId, "publication_id"), request.Reason, context.CancellationToken)).ToProto();

    public override async Task<V1.Publication> GetPublication(V1.GetPublicationRequest request, ServerCallContext context) =>
        (await desk.GetAsync(context.Caller(), WireInput.Id(request.PublicationId, "publication_id"), context.CancellationToken)).ToProto();

    public override async Task<V1.ListPublicationsResponse> ListPublications(V1.ListPublicationsRequest request, ServerCallContext context)
    {
        var response = new V1.ListPublicationsResponse();
        response.Publications.AddRange((await desk.ListAsync(context.Caller(), context.CancellationToken)).Select(p => p.ToProto()));
        return response;
    }

    public override async Task WatchPublications(V1.WatchPublicationsRequest request, IServerStreamWriter<V1.Publication> responseStream, ServerCallContext context)
    {
        await foreach (var publication in watch.WatchAsync(context.Caller(), context.CancellationToken))
        {
            await responseStream.WriteAsync(publication.ToProto());
        }
    }
}
