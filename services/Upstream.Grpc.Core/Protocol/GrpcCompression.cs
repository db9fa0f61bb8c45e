using System.Buffers;
using System.IO.Compression;

namespace Upstream.Grpc.Protocol;

/// <summary>Message compression: gzip and deflate (zlib), as named in <c>grpc-encoding</c>.</summary>
public static class GrpcCompression
{
    public const string Identity = "identity";
    public const string Gzip = "gzip";
    public const string Deflate = "deflate";

    /// <summary>What we accept, for <c>grpc-accept-encoding</c>.</summary>
    public const string AcceptEncodingValue = "identity,gzip,deflate";

    public static bool IsSupported(string? encoding) => encoding is null or Identity or Gzip or Deflate;

    /// <summary>True if a comma-separated accept list (spaces allowed) names <paramref name="encoding"/>.</summary>
    public static bool Accepts(string? acceptEncoding, string encoding)
    {
        if (acceptEncoding is null)
        {
            return false;
        }

        foreach (var range in acceptEncoding.AsSpan().Split(','))
        {
            if (acceptEncoding.AsSpan()[range].Trim().Equals(encoding, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static void Compress(string encoding, ReadOnlySpan<byte> payload, Stream destination)
    {
        using var compressor = CreateStream(encoding, destination, CompressionMode.Compress);
        compressor.Write(payload);
    }

    /// <summary>
    /// Decompresses a message, refusing to produce more than <paramref name="maxSize"/> bytes (so a small
    /// compressed bomb cannot exhaust memory). Returns the length written into the rented buffer.
    /// </summary>
    public static int Decompress(string encoding, ReadOnlySequence<byte> payload, int maxSize, out byte[] rented)
    {
        using var source = new SequenceStream(payload);
        using var decompressor = CreateStream(encoding, source, CompressionMode.Decompress);
        rented = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(payload.Length * 4, 256), maxSize + 1L));
        var length = 0;
        while (true)
        {
            if (length == rented.Length)
            {
                if (length > maxSize)
                {
                    break;
                }

                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(rented.Length * 2L, maxSize + 1L));
                rented.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(rented);
                rented = larger;
            }

            var read = decompressor.Read(rented, length, rented.Length - length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length;
    }

    private static Stream CreateStream(string encoding, Stream inner, CompressionMode mode) => encoding switch
    {
        Gzip => mode == CompressionMode.Compress ? new GZipStream(inner, CompressionLevel.Fastest, leaveOpen: true) : new GZipStream(inner, mode, leaveOpen: true),
        Deflate => mode == CompressionMode.Compress ? new ZLibStream(inner, CompressionLevel.Fastest, leaveOpen: true) : new ZLibStream(inner, mode, leaveOpen: true),
        _ => throw new NotSupportedException($"Unsupported message encoding '{encoding}'."),
    };

    /// <summary>A read-only stream over a (possibly segmented) buffer, so decompression needs no copy first.</summary>
    private sealed class SequenceStream(ReadOnlySequence<byte> sequence) : Stream
    {
        private ReadOnlySequence<byte> remaining = sequence;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, remaining.Length);
            remaining.Slice(0, count).CopyTo(buffer);
            remaining = remaining.Slice(count);
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
