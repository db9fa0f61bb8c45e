using Yarp.ReverseProxy.Forwarder;

namespace Upstream.Gateway.Edge;

/// <summary>
/// When YARP could not get an answer from a service it sets only the status (502 unreachable, 503 no healthy
/// replica, 504 timed out); this step of the proxy pipeline gives that status a problem body, or for a gRPC
/// call the status a gRPC client understands.
/// </summary>
public static class ForwardingErrors
{
    public static async Task AnswerAsync(HttpContext context, Func<Task> next)
    {
        await next();
        if (context.Features.Get<IForwarderErrorFeature>() is not { } failure || context.Response.HasStarted)
        {
            return;
        }

        var status = context.Response.StatusCode;
        var (grpcStatus, detail) = failure.Error switch
        {
            ForwarderError.NoAvailableDestinations => (GrpcStatusReply.Unavailable, "The service is unavailable; try again shortly."),
            ForwarderError.RequestTimedOut => (GrpcStatusReply.DeadlineExceeded, "The service did not answer in time."),
            _ when status == StatusCodes.Status413PayloadTooLarge => (GrpcStatusReply.ResourceExhausted, "The request body is too large."),
            _ when status < 500 => (GrpcStatusReply.Unavailable, "The request could not be read."),
            _ => (GrpcStatusReply.Unavailable, "The service could not be reached; try again shortly."),
        };
        await (GrpcStatusReply.IsGrpc(context.Request)
            ? GrpcStatusReply.WriteAsync(context, grpcStatus, detail)
            : ProblemReply.WriteAsync(context, status, detail));
    }
}
