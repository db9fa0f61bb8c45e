using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Upstream.Grpc.Protocol;
using Upstream.Grpc.Telemetry;

namespace Upstream.Grpc.Internal;

/// <summary>
/// The request delegate of one method's route: checks the request is gRPC, then runs the call's pipeline inside
/// its telemetry. A call whose steps all complete synchronously (a unary call whose request is already in the
/// pipe, answered at once) runs without a single async state machine: this is every call's path.
/// </summary>
internal sealed class CallEndpoint(
    IMethod method, ServerCallContinuation pipeline, CallTelemetry telemetry, GrpcServerOptions options, long? kestrelBodySizeLimit, ILogger logger)
{
    // Kestrel limits a request body's total size; gRPC limits each message instead. A stream of requests may add up
    // to any size, so its calls lift Kestrel's limit; a single request (and its frame header) can only outgrow it
    // when the receive limit was raised past it. Lifting it costs a feature lookup per call, so only where needed.
    private readonly bool liftBodySizeLimit =
        method.Type.HasRequestStream()
        || options.MaxReceiveMessageSize + (long)GrpcFrame.HeaderSize > kestrelBodySizeLimit;

    public Task HandleAsync(HttpContext httpContext)
    {
        if (Reject(httpContext, method.FullName))
        {
            return Task.CompletedTask;
        }

        var context = new HttpServerCallContext(httpContext, method, options, logger);
        var started = Stopwatch.GetTimestamp();
        var activity = Activity.Current;
        if (CallTelemetry.NeedsOwnActivity(activity))
        {
            return HandleWithOwnActivityAsync(context, started);
        }

        CallTelemetry.Begin(activity, method);
        var running = Start(context);
        if (!running.IsCompleted)
        {
            return EndAsync(running, context, activity, started);
        }

        context.Observe(running);
        End(context, activity, started);
        return Task.CompletedTask;
    }

    /// <summary>Reads the protocol headers and starts the pipeline; whatever throws becomes the call's status.</summary>
    private ValueTask Start(HttpServerCallContext context)
    {
        try
        {
            context.Initialize(liftBodySizeLimit);
            return pipeline(context);
        }
        catch (Exception exception)
        {
            context.SetStatusFromException(exception);
            return default;
        }
    }

    private async Task EndAsync(ValueTask running, HttpServerCallContext context, Activity? activity, long started)
    {
        await context.ObserveAsync(running);
        End(context, activity, started);
    }

    // An async method of its own, so the activity it makes current ends with it and never leaks to Kestrel.
    private async Task HandleWithOwnActivityAsync(HttpServerCallContext context, long started)
    {
        using var activity = CallTelemetry.StartOwnActivity(context, method);
        CallTelemetry.Begin(activity, method);
        await EndAsync(Start(context), context, activity, started);
    }

    /// <summary>Ends the call (status in trailers), then reports it: the outcome recorded is the one the caller sees.</summary>
    private void End(HttpServerCallContext context, Activity? activity, long started)
    {
        try
        {
            context.Complete();
        }
        finally
        {
            context.Dispose();
        }

        telemetry.End(activity, method, context.Status.StatusCode, started);
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
