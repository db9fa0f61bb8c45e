using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Upstream.Grpc.Internal;

namespace Upstream.Grpc.Telemetry;

/// <summary>
/// What every call reports, around the whole call: an activity with the rpc.* tags, rpc.server.duration and
/// rpc.server.calls by service, method and status code, and one log line (method, status code, duration; never
/// messages, metadata or status details, which may carry personal data). One object rather than three
/// interceptors, so a call pays for one step, and nothing at all for what nobody listens to.
/// </summary>
internal sealed partial class CallTelemetry
{
    private const string AspNetCoreActivitySource = "Microsoft.AspNetCore";
    private readonly Histogram<double> duration;
    private readonly Counter<long> calls;
    private readonly ILogger logger;

    public CallTelemetry(IMeterFactory meterFactory, ILoggerFactory loggerFactory)
    {
        var meter = meterFactory.Create(GrpcServerTelemetry.MeterName);
        duration = meter.CreateHistogram<double>("rpc.server.duration", "ms", "Duration of gRPC calls handled by this server.");
        calls = meter.CreateCounter<long>("rpc.server.calls", "{call}", "gRPC calls handled by this server, by outcome.");
        logger = loggerFactory.CreateLogger("Upstream.Grpc.Server.Calls");
    }

    /// <summary>
    /// True when the call needs an activity of its own: something listens to ours and ASP.NET Core's request activity
    /// (already joined to the caller's trace through traceparent) is not there to be enriched instead.
    /// </summary>
    public static bool NeedsOwnActivity(Activity? current) =>
        current?.Source.Name != AspNetCoreActivitySource && GrpcServerTelemetry.ActivitySource.HasListeners();

    /// <summary>Starts our own server activity, child of the caller's traceparent. Only from an async method: it sets Activity.Current.</summary>
    public static Activity? StartOwnActivity(HttpServerCallContext context, IMethod method)
    {
        var headers = context.HttpContext.Request.Headers;
        ActivityContext.TryParse(headers.TraceParent.ToString(), headers.TraceState.ToString(), isRemote: true, out var parent);
        return GrpcServerTelemetry.ActivitySource.StartActivity(method.ServiceName + "/" + method.Name, ActivityKind.Server, parent);
    }

    /// <summary>Names and tags the call's activity (ASP.NET Core's or our own) before the call runs.</summary>
    public static void Begin(Activity? activity, IMethod method)
    {
        if (IsCallActivity(activity))
        {
            activity.DisplayName = method.ServiceName + "/" + method.Name;
            activity.SetTag("rpc.system", "grpc");
            activity.SetTag("rpc.service", method.ServiceName);
            activity.SetTag("rpc.method", method.Name);
        }
    }

    /// <summary>Records the outcome once the call has ended (its status final, trailers written).</summary>
    public void End(Activity? activity, IMethod method, StatusCode code, long startedTimestamp)
    {
        if (IsCallActivity(activity))
        {
            activity.SetTag("rpc.grpc.status_code", (int)code);
            if (GrpcServerTelemetry.IsServerError(code))
            {
                activity.SetStatus(ActivityStatusCode.Error, code.ToString());
            }
        }

        var level = code == StatusCode.OK ? LogLevel.Debug
            : GrpcServerTelemetry.IsServerError(code) ? LogLevel.Warning
            : LogLevel.Information;
        var logged = logger.IsEnabled(level);
        var measured = duration.Enabled || calls.Enabled;
        if (!logged && !measured)
        {
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds;
        if (measured)
        {
            var tags = new TagList
            {
                { "rpc.system", "grpc" },
                { "rpc.service", method.ServiceName },
                { "rpc.method", method.Name },
                { "rpc.grpc.status_code", (int)code },
            };
            duration.Record(elapsed, tags);
            calls.Add(1, tags);
        }

        if (logged)
        {
            LogCallFinished(logger, level, method.FullName, code, elapsed);
        }
    }

    /// <summary>The call's own activity (ASP.NET Core's request or ours), recording: any other current activity is left alone.</summary>
    private static bool IsCallActivity([NotNullWhen(true)] Activity? activity) =>
        activity is { IsAllDataRequested: true, Source.Name: AspNetCoreActivitySource or GrpcServerTelemetry.ActivitySourceName };

    [LoggerMessage(EventId = 10, Message = "gRPC call {Method} finished with {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogCallFinished(ILogger logger, LogLevel level, string method, StatusCode statusCode, double elapsedMilliseconds);
}
