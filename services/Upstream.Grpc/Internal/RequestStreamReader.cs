using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Upstream.Grpc.Protocol;

namespace Upstream.Grpc.Internal;

/// <summary>The request stream of a client-streaming or bidirectional call, read from Kestrel's body pipe.</summary>
internal sealed class RequestStreamReader<TRequest>(HttpServerCallContext context, Marshaller<TRequest> marshaller) : IAsyncStreamReader<TRequest>
    where TRequest : class
{
    private TRequest? current;
    private bool reading;
    private bool completed;

    public TRequest Current => current ?? throw new InvalidOperationException("No message has been read yet; call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (reading)
        {
            throw new InvalidOperationException("A read is already in progress; await it before reading again.");
        }

        if (completed)
        {
            return false;
        }

        reading = true;
        try
        {
            current = await ReadAsync(cancellationToken);
            completed = current is null;
            return !completed;
        }
        finally
        {
            reading = false;
        }
    }

    /// <summary>The one request when it has already arrived whole, with the end of the stream; false to wait for it with <see cref="ReadSingleAsync"/>.</summary>
    public static bool TryReadSingle(HttpServerCallContext context, Marshaller<TRequest> marshaller, [NotNullWhen(true)] out TRequest? request) =>
        GrpcMessageReader.TryReadOnlyMessage(
            context.HttpContext.Request.BodyReader, marshaller, context.RequestEncoding, context.Options.MaxReceiveMessageSize, out request);

    /// <summary>The one request of a unary or server-streaming call; it must be followed by the end of the stream.</summary>
    // Per-call state machines come from a pool rather than the heap: this runs on every call.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<TRequest> ReadSingleAsync(HttpServerCallContext context, Marshaller<TRequest> marshaller)
    {
        var reader = context.HttpContext.Request.BodyReader;
        var token = context.CancellationToken;
        var max = context.Options.MaxReceiveMessageSize;
        var request = await GrpcMessageReader.ReadAsync(reader, marshaller, context.RequestEncoding, max, token)
            ?? throw new RpcException(new Status(StatusCode.Internal, "The request message was not received."));
        if (await GrpcMessageReader.ReadAsync(reader, marshaller, context.RequestEncoding, max, token) is not null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "More than one request message was received for a single-request method."));
        }

        return request;
    }

    private async Task<TRequest?> ReadAsync(CancellationToken cancellationToken)
    {
        var callToken = context.CancellationToken;
        if (!cancellationToken.CanBeCanceled || cancellationToken == callToken)
        {
            return await GrpcMessageReader.ReadAsync(
                context.HttpContext.Request.BodyReader, marshaller, context.RequestEncoding, context.Options.MaxReceiveMessageSize, callToken);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, cancellationToken);
        return await GrpcMessageReader.ReadAsync(
            context.HttpContext.Request.BodyReader, marshaller, context.RequestEncoding, context.Options.MaxReceiveMessageSize, linked.Token);
    }
}
