using System.Buffers;
using System.Buffers.Binary;

namespace Upstream.Grpc.Protocol;

/// <summary>The length-prefixed message: a compressed flag byte, a 4-byte big-endian length, then the payload.</summary>
public static class GrpcFrame
{
    public const int HeaderSize = 5;

    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>Reads a header from the start of <paramref name="buffer"/>, if five bytes are there.</summary>
    public static bool TryReadHeader(in ReadOnlySequence<byte> buffer, out bool compressed, out uint length)
    {
        if (buffer.Length < HeaderSize)
        {
            compressed = false;
            length = 0;
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        compressed = header[0] != 0;
        length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        return true;
    }
}
