using Google.Protobuf;
using Grpc.Testing;

namespace Upstream.Grpc.Tests.Interop;

/// <summary>
/// The 14 plaintext cases of the public gRPC interop test descriptions, run by our client through the generated
/// <see cref="TestService.TestServiceClient"/>. Each asserts what the description requires, and a little more
/// where official clients are lax (response counts, UNIMPLEMENTED rather than any failure).
/// </summary>
internal static class InteropCases
{
    public static readonly string[] Names =
    [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "status_code_and_message", "special_status_message", "custom_metadata", "timeout_on_sleeping_server",
        "cancel_after_begin", "cancel_after_first_response", "unimplemented_method", "unimplemented_service",
    ];

    private const int RequestSize = 271828;
    private const int ResponseSize = 314159;
    private static readonly int[] InputSizes = [27182, 8, 1828, 45904];
    private static readonly int[] OutputSizes = [31415, 9, 2653, 58979];
    private const string EchoInitial = "x-grpc-test-echo-initial";
    private const string EchoTrailing = "x-grpc-test-echo-trailing-bin";

    public static Task RunAsync(string name, CallInvoker invoker)
    {
        var client = new TestService.TestServiceClient(invoker);
        return name switch
        {
            "empty_unary" => EmptyUnary(client),
            "large_unary" => LargeUnary(client),
            "client_streaming" => ClientStreaming(client),
            "server_streaming" => ServerStreaming(client),
            "ping_pong" => PingPong(client),
            "empty_stream" => EmptyStream(client),
            "status_code_and_message" => StatusCodeAndMessage(client),
            "special_status_message" => SpecialStatusMessage(client),
            "custom_metadata" => CustomMetadata(client),
            "timeout_on_sleeping_server" => TimeoutOnSleepingServer(client),
            "cancel_after_begin" => CancelAfterBegin(client),
            "cancel_after_first_response" => CancelAfterFirstResponse(client),
            "unimplemented_method" => UnimplementedMethod(client),
            "unimplemented_service" => UnimplementedService(invoker),
            _ => throw new ArgumentException($"Unknown interop case '{name}'.", nameof(name)),
        };
    }

    private static Payload Zeros(int size) => new() { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[size]) };

    private static void AssertZeros(Payload? payload, int size)
    {
        Assert.NotNull(payload);
        Assert.Equal(size, payload.Body.Length);
        Assert.All(payload.Body, b => Assert.Equal(0, b));
    }

    private static StreamingOutputCallRequest Ask(int responseSize, int payloadSize = 0) => new()
    {
        ResponseType = PayloadType.Compressable,
        ResponseParameters = { new ResponseParameters { Size = responseSize } },
        Payload = Zeros(payloadSize),
    };

    private static async Task EmptyUnary(TestService.TestServiceClient client)
    {
        var response = await client.EmptyCallAsync(new Empty());
        Assert.Equal(new Empty(), response);
    }

    private static async Task LargeUnary(TestService.TestServiceClient client)
    {
        var response = await client.UnaryCallAsync(new SimpleRequest
        {
            ResponseType = PayloadType.Compressable, ResponseSize = ResponseSize, Payload = Zeros(RequestSize),
        });
        AssertZeros(response.Payload, ResponseSize);
    }

    private static async Task ClientStreaming(TestService.TestServiceClient client)
    {
        using var call = client.StreamingInputCall();
        foreach (var size in InputSizes)
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Assert.Equal(74922, response.AggregatedPayloadSize);
    }

    private static async Task ServerStreaming(TestService.TestServiceClient client)
    {
        var request = new StreamingOutputCallRequest { ResponseType = PayloadType.Compressable };
        request.ResponseParameters.AddRange(OutputSizes.Select(size => new ResponseParameters { Size = size }));
        using var call = client.StreamingOutputCall(request);
        var sizes = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            AssertZeros(response.Payload, response.Payload.Body.Length);
            sizes.Add(response.Payload.Body.Length);
        }

        Assert.Equal(OutputSizes, sizes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    private static async Task PingPong(TestService.TestServiceClient client)
    {
        using var call = client.FullDuplexCall();
        for (var i = 0; i < OutputSizes.Length; i++)
        {
            // The next request goes only after this response arrived: the call must be full duplex.
            await call.RequestStream.WriteAsync(Ask(OutputSizes[i], InputSizes[i]));
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), $"no response to request {i}");
            AssertZeros(call.ResponseStream.Current.Payload, OutputSizes[i]);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    private static async Task EmptyStream(TestService.TestServiceClient client)
    {
        using var call = client.FullDuplexCall();
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    private static async Task StatusCodeAndMessage(TestService.TestServiceClient client)
    {
        const string message = "test status message";
        var echo = new EchoStatus { Code = 2, Message = message };
        var unary = await Assert.ThrowsAsync<RpcException>(async () => await client.UnaryCallAsync(new SimpleRequest { ResponseStatus = echo }));
        Assert.Equal(StatusCode.Unknown, unary.StatusCode);
        Assert.Equal(message, unary.Status.Detail);

        using var call = client.FullDuplexCall();
        await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = echo });
        await call.RequestStream.CompleteAsync();
        var duplex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Unknown, duplex.StatusCode);
        Assert.Equal(message, duplex.Status.Detail);
    }

    private static async Task SpecialStatusMessage(TestService.TestServiceClient client)
    {
        const string message = "\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \U0001F608\t\n";
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.UnaryCallAsync(new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = message } }));
        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal(message, error.Status.Detail);
    }

    private static async Task CustomMetadata(TestService.TestServiceClient client)
    {
        const string initial = "test_initial_metadata_value";
        byte[] trailing = [0xab, 0xab, 0xab];
        Metadata Headers() => new() { { EchoInitial, initial }, { EchoTrailing, trailing } };

        using (var unary = client.UnaryCallAsync(
            new SimpleRequest { ResponseType = PayloadType.Compressable, ResponseSize = ResponseSize, Payload = Zeros(RequestSize) }, Headers()))
        {
            AssertZeros((await unary).Payload, ResponseSize);
            Assert.Equal(initial, (await unary.ResponseHeadersAsync).GetValue(EchoInitial));
            Assert.Equal(trailing, unary.GetTrailers().GetValueBytes(EchoTrailing));
        }

        using var call = client.FullDuplexCall(Headers());
        await call.RequestStream.WriteAsync(Ask(ResponseSize, RequestSize));
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        AssertZeros(call.ResponseStream.Current.Payload, ResponseSize);
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(initial, (await call.ResponseHeadersAsync).GetValue(EchoInitial));
        Assert.Equal(trailing, call.GetTrailers().GetValueBytes(EchoTrailing));
    }

    private static async Task TimeoutOnSleepingServer(TestService.TestServiceClient client)
    {
        using var call = client.FullDuplexCall(deadline: DateTime.UtcNow.AddMilliseconds(1));
        try
        {
            await call.RequestStream.WriteAsync(Ask(31415, 27182));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            // The deadline may pass before the write; the description allows that.
        }

        // A busy machine may let the server answer before either side notices the deadline; the request stream
        // is never closed, so the call can still only end one way.
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    private static async Task CancelAfterBegin(TestService.TestServiceClient client)
    {
        using var cancellation = new CancellationTokenSource();
        using var call = client.StreamingInputCall(cancellationToken: cancellation.Token);
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    private static async Task CancelAfterFirstResponse(TestService.TestServiceClient client)
    {
        using var cancellation = new CancellationTokenSource();
        using var call = client.FullDuplexCall(cancellationToken: cancellation.Token);
        await call.RequestStream.WriteAsync(Ask(31415, 27182));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        AssertZeros(call.ResponseStream.Current.Payload, 31415);
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    private static async Task UnimplementedMethod(TestService.TestServiceClient client)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.UnimplementedCallAsync(new Empty()));
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    private static async Task UnimplementedService(CallInvoker invoker)
    {
        var client = new global::Grpc.Testing.UnimplementedService.UnimplementedServiceClient(invoker);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.UnimplementedCallAsync(new Empty()));
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }
}
