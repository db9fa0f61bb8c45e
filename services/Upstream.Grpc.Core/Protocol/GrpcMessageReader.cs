using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Upstream.Grpc.Protocol;

/// <summary>
/// Reads length-prefixed messages from a pipe (the server's request body, the client's response body).
/// Messages are parsed straight from the pipe's buffers; frames may span any number of DATA frames.
/// Every protocol fault becomes an <see cref="RpcException"/> with the status the protocol prescribes.
/// </summary>
public static class GrpcMessageReader
{
    /// <summary>Reads the next message, or returns null when the stream ends cleanly between messages.</summary>
    /// <param name="encoding">The sender's <c>grpc-encoding</c> (null or identity when none).</param>
    // Per-call state machines come from a pool rather than the heap: this runs on every call.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<T?> ReadAsync<T>(
        PipeReader reader, Marshaller<T> marshaller, string? encoding, int maxMessageSize, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (TryReadMessage(reader, ref buffer, marshaller, encoding, maxMessageSize, out var message))
            {
                reader.AdvanceTo(buffer.Start);
                return message;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                var empty = buffer.IsEmpty;
                reader.AdvanceTo(buffer.End);
                if (empty)
                {
                    return null;
                }

                throw new RpcException(new Status(StatusCode.Internal, "Incomplete message: the stream ended inside a message."));
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>
    /// Reads the one message of a stream that has already ended, without waiting: true when the pipe holds exactly
    /// one whole message followed by the end of the stream (the usual unary request, whose HEADERS and DATA frames
    /// arrive together); false, consuming nothing, for anything else, which <see cref="ReadAsync"/> then handles.
    /// A message that is there but faulty throws as ReadAsync would.
    /// </summary>
    public static bool TryReadOnlyMessage<T>(
        PipeReader reader, Marshaller<T> marshaller, string? encoding, int maxMessageSize, [NotNullWhen(true)] out T? message)
        where T : class
    {
        message = null;
        if (!reader.TryRead(out var result))
        {
            return false;
        }

        var buffer = result.Buffer;
        if (result.IsCompleted && !result.IsCanceled
            && GrpcFrame.TryReadHeader(buffer, out _, out var length)
            && buffer.Length == GrpcFrame.HeaderSize + (long)length
            && TryReadMessage(reader, ref buffer, marshaller, encoding, maxMessageSize, out message))
        {
            reader.AdvanceTo(buffer.Start);
            return true;
        }

        reader.AdvanceTo(result.Buffer.Start);
        return false;
    }

    private static bool TryReadMessage<T>(
        PipeReader reader, ref ReadOnlySequence<byte> buffer, Marshaller<T> marshaller, string? encoding, int maxMessageSize, [NotNullWhen(true)] out T? message)
        where T : class
    {
        message = null;
        if (!GrpcFrame.TryReadHeader(buffer, out var compressed, out var length))
        {
            return false;
        }

        if (length > (uint)maxMessageSize)
        {
            reader.AdvanceTo(buffer.Start);
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {maxMessageSize})."));
        }

        if (buffer.Length < GrpcFrame.HeaderSize + length)
        {
            return false;
        }

        var payload = buffer.Slice(GrpcFrame.HeaderSize, length);
        buffer = buffer.Slice(payload.End);
        try
        {
            message = compressed
                ? DeserializeCompressed(payload, marshaller, encoding, maxMessageSize)
                : marshaller.Deserialize(payload);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            reader.AdvanceTo(buffer.Start);
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize the message.", exception));
        }
        catch (RpcException)
        {
            reader.AdvanceTo(buffer.Start);
            throw;
        }

        return true;
    }

    private static T DeserializeCompressed<T>(ReadOnlySequence<byte> payload, Marshaller<T> marshaller, string? encoding, int maxMessageSize)
    {
        if (encoding is null or GrpcCompression.Identity)
        {
            throw new RpcException(new Status(
                StatusCode.Internal, "A message is flagged compressed but the call has no grpc-encoding."));
        }

        if (!GrpcCompression.IsSupported(encoding))
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding '{encoding}'."));
        }

        var length = GrpcCompression.Decompress(encoding, payload, maxMessageSize, out var rented);
        try
        {
            if (length > maxMessageSize)
            {
                throw new RpcException(new Status(
                    StatusCode.ResourceExhausted, $"Received message larger than max when decompressed (over {maxMessageSize})."));
            }

            return marshaller.Deserialize(new ReadOnlySequence<byte>(rented, 0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
