using Upstream.Grpc.Protocol;

namespace Upstream.Grpc.Internal;

/// <summary>Writes response messages into Kestrel's body pipe, compressed when the call compresses.</summary>
internal static class ResponseWriter
{
    /// <summary>Buffers one message; Kestrel sends it (with the trailers) when the call ends or the pipe is flushed.</summary>
    public static void Write<TResponse>(HttpServerCallContext context, Marshaller<TResponse> marshaller, TResponse message, WriteOptions? options)
    {
        if (message is null)
        {
            throw new InvalidOperationException("A handler returned or wrote a null response message.");
        }

        var compress = context.ResponseEncoding is not null && (options?.Flags & WriteFlags.NoCompress) != WriteFlags.NoCompress;
        if (context.Options.MaxSendMessageSize is { } maxSend && marshaller.TryGetSize(message, out var size) && size > maxSend)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {maxSend})."));
        }

        GrpcMessageWriter.Write(context.HttpContext.Response.BodyWriter, message, marshaller, compress ? context.ResponseEncoding : null);
        context.ResponseStarted = true;
    }
}

/// <summary>The response stream of a server-streaming or bidirectional call: each write is flushed to the client.</summary>
internal sealed class ResponseStreamWriter<TResponse>(HttpServerCallContext context, Marshaller<TResponse> marshaller) : IServerStreamWriter<TResponse>
{
    private bool writing;

    public WriteOptions? WriteOptions
    {
        get => context.WriteOptions;
        set => context.WriteOptions = value;
    }

    public Task WriteAsync(TResponse message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(TResponse message, CancellationToken cancellationToken)
    {
        if (writing)
        {
            throw new InvalidOperationException("A write is already in progress; await it before writing again.");
        }

        context.CancellationToken.ThrowIfCancellationRequested();
        cancellationToken.ThrowIfCancellationRequested();
        writing = true;
        try
        {
            var options = WriteOptions;
            ResponseWriter.Write(context, marshaller, message, options);
            if ((options?.Flags & WriteFlags.BufferHint) != WriteFlags.BufferHint)
            {
                await context.HttpContext.Response.BodyWriter.FlushAsync(context.CancellationToken);
            }
        }
        finally
        {
            writing = false;
        }
    }
}
