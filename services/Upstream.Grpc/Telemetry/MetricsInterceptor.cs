using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Upstream.Grpc.Telemetry;

/// <summary>
/// rpc.server.duration (milliseconds) and rpc.server.calls, by service, method and status code. Tags are built
/// only when something listens, so an unobserved server pays almost nothing.
/// </summary>
internal sealed class MetricsInterceptor : ServerInterceptor
{
    private readonly Histogram<double> duration;
    private readonly Counter<long> calls;

    public MetricsInterceptor(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(GrpcServerTelemetry.MeterName);
        duration = meter.CreateHistogram<double>("rpc.server.duration", "ms", "Duration of gRPC calls handled by this server.");
        calls = meter.CreateCounter<long>("rpc.server.calls", "{call}", "gRPC calls handled by this server, by outcome.");
    }

    // Per-call state machines come from a pool rather than the heap: this runs on every call.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask InterceptAsync(ServerCallContext context, IMethod method, ServerCallContinuation next)
    {
        var started = Stopwatch.GetTimestamp();
        await next(context);
        if (!duration.Enabled && !calls.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "rpc.system", "grpc" },
            { "rpc.service", method.ServiceName },
            { "rpc.method", method.Name },
            { "rpc.grpc.status_code", (int)context.Status.StatusCode },
        };
        duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        calls.Add(1, tags);
    }
}
