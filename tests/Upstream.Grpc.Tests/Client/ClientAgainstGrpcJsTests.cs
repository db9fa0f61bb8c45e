using Google.Protobuf;
using Grpc.Testing;
using Upstream.Grpc.Client;
using Upstream.Grpc.Client.Balancing;
using Upstream.Grpc.Client.Interceptors;
using Upstream.Grpc.Tests.Node;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Grpc.Tests.Client;

/// <summary>Our client's retries, compression, limits and interceptors, checked against the official grpc-js server.</summary>
public sealed class ClientAgainstGrpcJsTests(GrpcJsServer server) : IClassFixture<GrpcJsServer>
{
    private static readonly Uri Nowhere = new($"http://127.0.0.1:{FreePort.Next()}");

    [Fact]
    public async Task An_idempotent_call_is_retried_on_the_next_replica_when_the_first_is_unavailable()
    {
        var options = FastRetries();
        options.Retry.IsIdempotent = method => method == TestService.UnaryCallMethod;
        using var invoker = new HttpCallInvoker(new RoundRobinEndpoints([Nowhere, server.Address]), options);

        var response = await new TestService.TestServiceClient(invoker).UnaryCallAsync(new SimpleRequest { ResponseSize = 10 });

        Assert.Equal(10, response.Payload.Body.Length);
    }

    [Fact]
    public async Task A_call_not_marked_idempotent_is_not_retried()
    {
        using var invoker = new HttpCallInvoker(new RoundRobinEndpoints([Nowhere, server.Address]), FastRetries());

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(invoker).UnaryCallAsync(new SimpleRequest { ResponseSize = 10 }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Theory]
    [InlineData(14, 3)] // UNAVAILABLE from the server: tried again, up to the limit
    [InlineData(2, 1)] // any other failure: once only
    public async Task Only_unavailable_is_retried_and_only_up_to_the_limit(int code, int attempts)
    {
        var options = FastRetries();
        options.Retry.MaxAttempts = 3;
        options.Retry.IsIdempotent = _ => true;
        using var recorder = new WireRecorder();
        using var invoker = new HttpCallInvoker(new RoundRobinEndpoints([server.Address]), options, recorder);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await new TestService.TestServiceClient(invoker).UnaryCallAsync(
            new SimpleRequest { ResponseStatus = new EchoStatus { Code = code, Message = "as asked" } }));

        Assert.Equal((StatusCode)code, error.StatusCode);
        Assert.Equal(attempts, recorder.Requests.Count);
    }

    [Fact]
    public async Task Requests_are_sent_gzip_compressed_when_asked()
    {
        using var recorder = new WireRecorder();
        using var invoker = new HttpCallInvoker(server.Address, new GrpcClientOptions { RequestCompression = "gzip" }, recorder);
        var client = new TestService.TestServiceClient(invoker);

        var unary = await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 1, Payload = new Payload { Body = ByteString.CopyFrom(new byte[271828]) } });
        using var call = client.StreamingInputCall();
        foreach (var size in new[] { 27182, 8, 1828, 45904 })
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[size]) } });
        }

        await call.RequestStream.CompleteAsync();

        // The server could only count the bytes by decompressing them.
        Assert.Equal(74922, (await call.ResponseAsync).AggregatedPayloadSize);
        Assert.Equal(1, unary.Payload.Body.Length);
        var sent = recorder.Requests.First();
        Assert.Equal("gzip", sent.Headers.GetValues("grpc-encoding").Single());
        Assert.True(sent.Content!.Headers.ContentLength < 271828 / 10, $"{sent.Content.Headers.ContentLength} bytes sent for 271828 zeros");
    }

    [Fact]
    public async Task A_response_over_the_receive_limit_fails_with_resource_exhausted()
    {
        using var invoker = new HttpCallInvoker(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(invoker).UnaryCallAsync(new SimpleRequest { ResponseSize = 5 * 1024 * 1024 }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task A_raised_receive_limit_admits_the_larger_response()
    {
        using var invoker = new HttpCallInvoker(server.Address, new GrpcClientOptions { MaxReceiveMessageSize = 8 * 1024 * 1024 });

        var response = await new TestService.TestServiceClient(invoker).UnaryCallAsync(new SimpleRequest { ResponseSize = 5 * 1024 * 1024 });

        Assert.Equal(5 * 1024 * 1024, response.Payload.Body.Length);
    }

    [Fact]
    public async Task An_interceptor_adds_metadata_to_every_kind_of_call()
    {
        using var http = new HttpCallInvoker(server.Address);
        var client = new TestService.TestServiceClient(http.Intercept(new EchoRequestInterceptor()));

        using var unary = client.UnaryCallAsync(new SimpleRequest());
        using var duplex = client.FullDuplexCall();
        await duplex.RequestStream.CompleteAsync();

        Assert.Equal("intercepted", (await unary.ResponseHeadersAsync).GetValue("x-grpc-test-echo-initial"));
        Assert.Equal("intercepted", (await duplex.ResponseHeadersAsync).GetValue("x-grpc-test-echo-initial"));
    }

    private static GrpcClientOptions FastRetries()
    {
        var options = new GrpcClientOptions();
        options.Retry.InitialBackoff = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxBackoff = TimeSpan.FromMilliseconds(50);
        return options;
    }

    /// <summary>Asks the interop server to echo a header, so the test sees the interceptor's metadata arrive.</summary>
    private sealed class EchoRequestInterceptor : ClientInterceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
            TRequest request, ClientCallContext<TRequest, TResponse> context, Func<TRequest, ClientCallContext<TRequest, TResponse>, AsyncUnaryCall<TResponse>> next) =>
            next(request, context with { Options = WithHeader(context.Options, "x-grpc-test-echo-initial", "intercepted") });

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
            ClientCallContext<TRequest, TResponse> context, Func<ClientCallContext<TRequest, TResponse>, AsyncDuplexStreamingCall<TRequest, TResponse>> next) =>
            next(context with { Options = WithHeader(context.Options, "x-grpc-test-echo-initial", "intercepted") });
    }
}
