using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Google.Protobuf;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Upstream.Grpc.InteropServer;
using Upstream.Grpc.Telemetry;
using Upstream.Grpc.Tests.Wire;

namespace Upstream.Grpc.Tests.Server;

/// <summary>
/// The server's fast paths (a request already whole when the call starts, the route found by its exact path, the
/// body limit left alone where no single message can reach it) and the ways round them, each as a caller sees it.
/// </summary>
public sealed class CallPathTests
{
    private const string UnaryCall = "/grpc.testing.TestService/UnaryCall";
    private const string StreamingInputCall = "/grpc.testing.TestService/StreamingInputCall";

    [Fact]
    public async Task A_unary_request_whose_message_arrives_after_its_headers_is_answered()
    {
        await using var host = await StartAsync();
        using var client = new WireClient(host.Address);
        var frame = WireClient.Frame(new SimpleRequest { ResponseSize = 3, Payload = new Payload { Body = ByteString.CopyFrom(new byte[300]) } });

        // Headers first, then the message in two pieces a while apart: the call must wait for the whole message.
        var response = await client.SendAsync(UnaryCall, new TrickleContent(frame[..7], frame[7..]));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal(3, SimpleResponse.Parser.ParseFrom(Assert.Single(response.Messages).Payload).Payload.Body.Length);
    }

    [Fact]
    public async Task A_second_message_after_the_first_of_a_unary_call_is_internal()
    {
        await using var host = await StartAsync();
        using var client = new WireClient(host.Address);
        var frame = WireClient.Frame(new SimpleRequest { ResponseSize = 1 });

        var response = await client.SendAsync(UnaryCall, [.. frame, .. frame]);

        Assert.Equal("13", response.GrpcStatus);
        Assert.Contains("More than one request message", response.GrpcMessage);
    }

    [Fact]
    public async Task A_method_mapped_for_another_host_is_not_served_by_its_path_alone()
    {
        await using var host = await TestGrpcHost.StartAsync(_ => { }, app => app.MapGrpcService<TestServiceImpl>().RequireHost("elsewhere.example"));
        using var client = new WireClient(host.Address);

        var response = await client.SendAsync(UnaryCall, WireClient.Frame(new SimpleRequest()));

        Assert.Equal("12", response.GrpcStatus);
    }

    [Fact]
    public async Task Kestrels_body_limit_cuts_neither_a_message_within_the_receive_limit_nor_a_request_stream()
    {
        await using var host = await TestGrpcHost.StartAsync(
            services => services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = 1_000),
            app => app.MapGrpcService<TestServiceImpl>());
        using var client = new WireClient(host.Address);
        var large = new Payload { Body = ByteString.CopyFrom(new byte[4_000]) };

        var unary = await client.SendAsync(UnaryCall, WireClient.Frame(new SimpleRequest { ResponseSize = 1, Payload = large }));
        var stream = await client.SendAsync(
            StreamingInputCall,
            [.. Enumerable.Range(0, 3).SelectMany(_ => WireClient.Frame(new StreamingInputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[900]) } }))]);

        Assert.Equal("0", unary.GrpcStatus);
        Assert.Equal("0", stream.GrpcStatus);
        Assert.Equal(2_700, StreamingInputCallResponse.Parser.ParseFrom(Assert.Single(stream.Messages).Payload).AggregatedPayloadSize);
    }

    [Fact]
    public async Task Without_aspnetcore_tracing_the_call_is_an_activity_of_our_own_in_the_callers_trace()
    {
        await using var host = await StartAsync();
        using var client = new WireClient(host.Address);
        var traceId = ActivityTraceId.CreateRandom();
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GrpcServerTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => stopped.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(listener);

        var response = await client.SendAsync(
            UnaryCall, WireClient.Frame(new SimpleRequest()), request => request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01"));

        Assert.Equal("0", response.GrpcStatus);
        var call = Assert.Single(stopped, activity => activity.TraceId == traceId);
        Assert.Equal(ActivityKind.Server, call.Kind);
        Assert.Equal("grpc.testing.TestService/UnaryCall", call.DisplayName);
        Assert.Equal(0, call.GetTagItem("rpc.grpc.status_code"));
    }

    private static Task<TestGrpcHost> StartAsync() => TestGrpcHost.StartAsync(_ => { }, app => app.MapGrpcService<TestServiceImpl>());

    /// <summary>A request body sent in pieces, each flushed, with a pause before each after the first.</summary>
    private sealed class TrickleContent(params byte[][] pieces) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(150));
                }

                await stream.WriteAsync(pieces[i]);
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
