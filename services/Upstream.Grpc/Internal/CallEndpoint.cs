using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Upstream.Grpc.Protocol;

namespace Upstream.Grpc.Internal;

/// <summary>The request delegate of one method's route: checks the request is gRPC, then runs the call's pipeline.</summary>
internal sealed class CallEndpoint(IMethod method, ServerCallContinuation pipeline, GrpcServerOptions options, ILogger logger)
{
    public async Task HandleAsync(HttpContext httpContext)
    {
        if (Reject(httpContext, method.FullName))
        {
            return;
        }

        using var context = new HttpServerCallContext(httpContext, method, options, logger);
        context.Initialize();
        try
        {
            await pipeline(context);
        }
        catch (Exception exception)
        {
            context.SetStatusFromException(exception);
        }

        context.Complete();
    }

    /// <summary>Answers requests that are not gRPC calls to this method; true when it did.</summary>
    public static bool Reject(HttpContext httpContext, string? path)
    {
        var request = httpContext.Request;
        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            TrailersOnly.Write(
                httpContext.Response,
                new Status(StatusCode.Internal, $"Content-Type '{request.ContentType}' is not supported; gRPC needs application/grpc."),
                httpStatus: StatusCodes.Status415UnsupportedMediaType);
            return true;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            TrailersOnly.Write(
                httpContext.Response,
                new Status(StatusCode.Internal, $"gRPC needs HTTP/2; the request came over {request.Protocol}."),
                httpStatus: StatusCodes.Status426UpgradeRequired);
            return true;
        }

        // Routing ignores case; gRPC paths are case-sensitive.
        if (path is not null && !string.Equals(request.Path.Value, path, StringComparison.Ordinal))
        {
            TrailersOnly.Write(httpContext.Response, new Status(StatusCode.Unimplemented, $"Method '{request.Path.Value}' is not known."));
            return true;
        }

        return false;
    }
}
