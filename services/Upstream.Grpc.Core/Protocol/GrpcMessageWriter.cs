using System.Buffers;

namespace Upstream.Grpc.Protocol;

/// <summary>
/// Writes length-prefixed messages into a buffer writer (a pipe); the caller flushes. Uncompressed protobuf
/// messages are serialized in place behind their header, without an intermediate array.
/// </summary>
public static class GrpcMessageWriter
{
    /// <param name="encoding">The compression to apply (gzip, deflate), or null/identity for none.</param>
    public static void Write<T>(IBufferWriter<byte> output, T message, Marshaller<T> marshaller, string? encoding)
    {
        if (encoding is null or GrpcCompression.Identity)
        {
            WriteUncompressed(output, message, marshaller);
            return;
        }

        var payload = marshaller.Serialize(message);
        if (payload.Length == 0)
        {
            // .NET's GZipStream writes nothing at all for empty input, which is not a valid gzip stream (grpc-js
            // rejects it). An empty message goes uncompressed instead: the flag is per message, so that is allowed.
            WriteUncompressed(output, message, marshaller);
            return;
        }

        using var compressed = new MemoryStream(payload.Length / 2 + 64);
        GrpcCompression.Compress(encoding, payload, compressed);
        var length = (int)compressed.Length;
        var span = output.GetSpan(GrpcFrame.HeaderSize + length);
        GrpcFrame.WriteHeader(span, compressed: true, length);
        compressed.GetBuffer().AsSpan(0, length).CopyTo(span[GrpcFrame.HeaderSize..]);
        output.Advance(GrpcFrame.HeaderSize + length);
    }

    private static void WriteUncompressed<T>(IBufferWriter<byte> output, T message, Marshaller<T> marshaller)
    {
        if (marshaller.TryGetSize(message, out var size))
        {
            var span = output.GetSpan(GrpcFrame.HeaderSize + size);
            GrpcFrame.WriteHeader(span, compressed: false, size);
            marshaller.SerializeInto(message, span.Slice(GrpcFrame.HeaderSize, size));
            output.Advance(GrpcFrame.HeaderSize + size);
            return;
        }

        var payload = marshaller.Serialize(message);
        var destination = output.GetSpan(GrpcFrame.HeaderSize + payload.Length);
        GrpcFrame.WriteHeader(destination, compressed: false, payload.Length);
        payload.CopyTo(destination[GrpcFrame.HeaderSize..]);
        output.Advance(GrpcFrame.HeaderSize + payload.Length);
    }
}
