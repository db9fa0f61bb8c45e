using Grpc.Testing;
using Upstream.Grpc.Client;
using Upstream.Grpc.Client.Balancing;
using Upstream.Grpc.Tests.Interop;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Grpc.Tests.Client;

/// <summary>Our client's deadlines, cancellation, retries and compression against our own server.</summary>
public sealed class ClientAgainstOurServerTests(InteropServerFixture server) : IClassFixture<InteropServerFixture>
{
    [Fact]
    public async Task A_deadline_ends_a_slow_stream_with_deadline_exceeded()
    {
        using var invoker = new HttpCallInvoker(server.Address);
        var request = new StreamingOutputCallRequest { ResponseParameters = { new ResponseParameters { Size = 1, IntervalUs = 30_000_000 } } };
        using var call = new TestService.TestServiceClient(invoker).StreamingOutputCall(request, deadline: DateTime.UtcNow.AddMilliseconds(300));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_read_cancels_the_call_and_the_connection_serves_the_next()
    {
        using var invoker = new HttpCallInvoker(server.Address);
        var client = new TestService.TestServiceClient(invoker);
        var request = new StreamingOutputCallRequest { ResponseParameters = { new ResponseParameters { Size = 1, IntervalUs = 30_000_000 } } };
        using var call = client.StreamingOutputCall(request);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(stop.Token));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(7, (await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 7 })).Payload.Body.Length);
    }

    [Fact]
    public async Task An_idempotent_call_fails_over_to_our_server_when_the_first_replica_is_down()
    {
        var options = new GrpcClientOptions();
        options.Retry.InitialBackoff = TimeSpan.FromMilliseconds(10);
        options.Retry.IsIdempotent = method => method == TestService.EmptyCallMethod;
        var down = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        using var invoker = new HttpCallInvoker(new RoundRobinEndpoints([down, server.Address]), options);

        Assert.NotNull(await new TestService.TestServiceClient(invoker).EmptyCallAsync(new Empty()));
    }

    [Fact]
    public async Task Gzip_travels_both_ways()
    {
        using var recorder = new WireRecorder();
        using var invoker = new HttpCallInvoker(server.Address, new GrpcClientOptions { RequestCompression = "gzip" }, recorder);

        var response = await new TestService.TestServiceClient(invoker).UnaryCallAsync(new SimpleRequest
        {
            ResponseSize = 314159,
            ResponseCompressed = new BoolValue { Value = true },
            Payload = new Payload { Body = Google.Protobuf.ByteString.CopyFrom(new byte[271828]) },
        });

        Assert.Equal(314159, response.Payload.Body.Length);
        Assert.Equal("gzip", Assert.Single(recorder.Requests).Headers.GetValues("grpc-encoding").Single());
        Assert.Equal("gzip", Assert.Single(recorder.Responses).Headers.GetValues("grpc-encoding").Single());
    }
}
