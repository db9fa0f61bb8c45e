using Google.Protobuf;
using Grpc.Testing;

namespace Upstream.Grpc.InteropServer;

/// <summary>
/// grpc.testing.TestService as the interop cases expect it (doc/interop-test-descriptions.md): payloads of the
/// requested sizes, statuses echoed from EchoStatus, metadata echoed from x-grpc-test-echo-*, and compression
/// of the responses a request marks compressed. UnimplementedCall is left to the generated base (UNIMPLEMENTED).
/// </summary>
public sealed class TestServiceImpl : TestService.TestServiceBase
{
    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    public override Task<Empty> EmptyCall(Empty request, ServerCallContext context)
    {
        context.WriteOptions = NoCompress; // only what a request marks compressed is compressed
        return Task.FromResult(new Empty());
    }

    public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        ThrowIfStatusRequested(request.ResponseStatus);
        context.WriteOptions = Compression(request.ResponseCompressed);
        return new SimpleResponse { Payload = Payload(request.ResponseSize) };
    }

    public override Task<SimpleResponse> CacheableUnaryCall(SimpleRequest request, ServerCallContext context) =>
        UnaryCall(request, context);

    public override async Task StreamingOutputCall(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        ThrowIfStatusRequested(request.ResponseStatus);
        await RespondAsync(request, responseStream, context);
    }

    public override async Task<StreamingInputCallResponse> StreamingInputCall(
        IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context)
    {
        var total = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            total += request.Payload?.Body.Length ?? 0;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    public override async Task FullDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            ThrowIfStatusRequested(request.ResponseStatus);
            await RespondAsync(request, responseStream, context);
        }
    }

    public override async Task HalfDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        var requests = new List<StreamingOutputCallRequest>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            requests.Add(request);
        }

        foreach (var request in requests)
        {
            ThrowIfStatusRequested(request.ResponseStatus);
            await RespondAsync(request, responseStream, context);
        }
    }

    private static async Task RespondAsync(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
            }

            responseStream.WriteOptions = Compression(parameters.Compressed);
            await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = Payload(parameters.Size) });
        }
    }

    /// <summary>custom_metadata: the initial value comes back in the response headers, the trailing one in trailers.</summary>
    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        if (context.RequestHeaders.Get(EchoTrailingKey) is { } trailing)
        {
            context.ResponseTrailers.Add(trailing);
        }

        if (context.RequestHeaders.Get(EchoInitialKey) is { } initial)
        {
            await context.WriteResponseHeadersAsync([initial]);
        }
    }

    private static void ThrowIfStatusRequested(EchoStatus? status)
    {
        if (status is { Code: not 0 })
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }

    private static WriteOptions Compression(BoolValue? compressed) =>
        compressed?.Value == true ? WriteOptions.Default : NoCompress;

    private static readonly WriteOptions NoCompress = new(WriteFlags.NoCompress);

    // The array is new and never changes, so the ByteString may own it without a copy.
    private static Payload Payload(int size) => new() { Type = PayloadType.Compressable, Body = UnsafeByteOperations.UnsafeWrap(new byte[size]) };
}
