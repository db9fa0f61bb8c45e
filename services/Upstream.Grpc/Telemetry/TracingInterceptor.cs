using System.Diagnostics;
using System.Runtime.CompilerServices;
using Upstream.Grpc.Internal;

namespace Upstream.Grpc.Telemetry;

/// <summary>
/// One activity per call with the rpc.* tags. ASP.NET Core's request activity (already joined to the caller's
/// trace through traceparent) is enriched when present; otherwise our own server activity is started with the
/// caller's traceparent as parent.
/// </summary>
internal sealed class TracingInterceptor : ServerInterceptor
{
    // Per-call state machines come from a pool rather than the heap: this runs on every call.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask InterceptAsync(ServerCallContext context, IMethod method, ServerCallContinuation next)
    {
        var activity = Activity.Current;
        Activity? own = null;
        if (activity is null || activity.Source.Name != "Microsoft.AspNetCore")
        {
            own = StartActivity(context, method);
            activity = own;
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.DisplayName = method.ServiceName + "/" + method.Name;
            activity.SetTag("rpc.system", "grpc");
            activity.SetTag("rpc.service", method.ServiceName);
            activity.SetTag("rpc.method", method.Name);
        }

        try
        {
            await next(context);
        }
        finally
        {
            if (activity is { IsAllDataRequested: true })
            {
                var code = context.Status.StatusCode;
                activity.SetTag("rpc.grpc.status_code", (int)code);
                if (GrpcServerTelemetry.IsServerError(code))
                {
                    activity.SetStatus(ActivityStatusCode.Error, code.ToString());
                }
            }

            own?.Dispose();
        }
    }

    private static Activity? StartActivity(ServerCallContext context, IMethod method)
    {
        if (!GrpcServerTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }

        var headers = ((HttpServerCallContext)context).HttpContext.Request.Headers;
        ActivityContext.TryParse(headers.TraceParent.ToString(), headers.TraceState.ToString(), isRemote: true, out var parent);
        return GrpcServerTelemetry.ActivitySource.StartActivity(method.ServiceName + "/" + method.Name, ActivityKind.Server, parent);
    }
}
