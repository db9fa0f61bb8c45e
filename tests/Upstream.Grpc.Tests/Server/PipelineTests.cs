using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Upstream.Grpc.Telemetry;
using Upstream.Grpc.Tests.Wire;

namespace Upstream.Grpc.Tests.Server;

/// <summary>Interceptors run around every call and see its outcome; built-in metrics and tracing describe each call.</summary>
public sealed class PipelineTests
{
    private const string EmptyCall = "/grpc.testing.TestService/EmptyCall";

    [Fact]
    public async Task Interceptors_run_in_order_and_see_the_final_status_even_when_an_inner_one_refuses()
    {
        await using var host = await StartAsync();
        using var client = new WireClient(host.Address);

        var allowed = await client.SendAsync(EmptyCall, WireClient.Frame([]));
        var refused = await client.SendAsync(EmptyCall, WireClient.Frame([]), request => request.Headers.Add("x-refuse", "yes"));

        Assert.Equal("0", allowed.GrpcStatus);
        Assert.Equal("7", refused.GrpcStatus);
        Assert.Equal("refused by policy", refused.GrpcMessage);
        Assert.Equal([("EmptyCall", StatusCode.OK), ("EmptyCall", StatusCode.PermissionDenied)], host.Services.GetRequiredService<Outcomes>().Seen);
    }

    [Fact]
    public async Task Each_call_records_its_duration_by_method_and_status()
    {
        await using var host = await StartAsync();
        using var client = new WireClient(host.Address);
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        var recorded = new ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GrpcServerTelemetry.MeterName && instrument.Meter.Scope == meterFactory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => recorded.Enqueue((instrument.Name, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => recorded.Enqueue((instrument.Name, ToDictionary(tags))));
        listener.Start();

        await client.SendAsync(EmptyCall, WireClient.Frame([]));
        await client.SendAsync(EmptyCall, WireClient.Frame([]), request => request.Headers.Add("x-refuse", "yes"));

        var durations = recorded.Where(entry => entry.Instrument == "rpc.server.duration").Select(entry => entry.Tags).ToList();
        Assert.Equal(2, durations.Count);
        Assert.All(durations, tags =>
        {
            Assert.Equal("grpc.testing.TestService", tags["rpc.service"]);
            Assert.Equal("EmptyCall", tags["rpc.method"]);
        });
        Assert.Equal([0, 7], durations.Select(tags => (int)tags["rpc.grpc.status_code"]!));
        Assert.Equal(2, recorded.Count(entry => entry.Instrument == "rpc.server.calls"));
    }

    [Fact]
    public async Task Each_call_is_an_activity_in_the_callers_trace_with_rpc_tags()
    {
        await using var host = await StartAsync();
        using var client = new WireClient(host.Address);
        var traceId = ActivityTraceId.CreateRandom();
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is GrpcServerTelemetry.ActivitySourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => stopped.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(listener);

        await client.SendAsync(EmptyCall, WireClient.Frame([]), request => request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01"));

        var call = Assert.Single(stopped, activity => activity.TraceId == traceId && activity.GetTagItem("rpc.method") is not null);
        Assert.Equal("grpc", call.GetTagItem("rpc.system"));
        Assert.Equal("grpc.testing.TestService", call.GetTagItem("rpc.service"));
        Assert.Equal("EmptyCall", call.GetTagItem("rpc.method"));
        Assert.Equal(0, call.GetTagItem("rpc.grpc.status_code"));
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var (key, value) in tags)
        {
            result[key] = value;
        }

        return result;
    }

    private static Task<TestGrpcHost> StartAsync() =>
        TestGrpcHost.StartAsync(
            services => services.AddSingleton<Outcomes>(),
            app => app.MapGrpcService<EmptyService>(),
            options =>
            {
                options.Interceptors.Add<RecordingInterceptor>();
                options.Interceptors.Add<RefusingInterceptor>();
            });

    internal sealed class Outcomes
    {
        public ConcurrentQueue<(string Method, StatusCode Status)> Seen { get; } = new();
    }

    private sealed class RecordingInterceptor(Outcomes outcomes) : ServerInterceptor
    {
        public override async ValueTask InterceptAsync(ServerCallContext context, IMethod method, ServerCallContinuation next)
        {
            await next(context);
            outcomes.Seen.Enqueue((method.Name, context.Status.StatusCode));
        }
    }

    private sealed class RefusingInterceptor : ServerInterceptor
    {
        public override ValueTask InterceptAsync(ServerCallContext context, IMethod method, ServerCallContinuation next) =>
            context.RequestHeaders.GetValue("x-refuse") is null
                ? next(context)
                : throw new RpcException(new Status(StatusCode.PermissionDenied, "refused by policy"));
    }

    private sealed class EmptyService : TestService.TestServiceBase
    {
        public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());
    }
}
