using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Upstream.Grpc.Telemetry;

/// <summary>
/// One log line per call: method, status code and duration. Never messages, metadata or status details, which may
/// carry personal data.
/// </summary>
internal sealed partial class LoggingInterceptor(ILogger<LoggingInterceptor> logger) : ServerInterceptor
{
    // Per-call state machines come from a pool rather than the heap: this runs on every call.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask InterceptAsync(ServerCallContext context, IMethod method, ServerCallContinuation next)
    {
        var started = Stopwatch.GetTimestamp();
        await next(context);
        var code = context.Status.StatusCode;
        var level = code == StatusCode.OK ? LogLevel.Debug
            : GrpcServerTelemetry.IsServerError(code) ? LogLevel.Warning
            : LogLevel.Information;
        if (logger.IsEnabled(level))
        {
            LogCallFinished(logger, level, method.FullName, code, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(EventId = 10, Message = "gRPC call {Method} finished with {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogCallFinished(ILogger logger, LogLevel level, string method, StatusCode statusCode, double elapsedMilliseconds);
}
