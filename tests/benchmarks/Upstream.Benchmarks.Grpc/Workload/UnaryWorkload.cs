using Google.Protobuf;

namespace Upstream.Benchmarks.Grpc.Workload;

/// <summary>
/// The one unary call every server and client in the benchmark exchanges: grpc.testing.TestService/UnaryCall
/// with a fixed request payload, asking for a fixed-size response. Encoded once here, so h2load, the bare
/// handler and the correctness check all use the very same bytes.
/// </summary>
internal sealed class UnaryWorkload
{
    public const string Path = "/grpc.testing.TestService/UnaryCall";

    public UnaryWorkload(int requestPayloadBytes, int responseBytes)
    {
        RequestPayloadBytes = requestPayloadBytes;
        ResponseBytes = responseBytes;
        // SimpleRequest { response_size = 2; payload = 3 { body = 2 } }; COMPRESSABLE (0) is the default type.
        RequestMessage = Encode(output =>
        {
            output.WriteTag(2, WireFormat.WireType.Varint);
            output.WriteInt32(responseBytes);
            output.WriteTag(3, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(Payload(requestPayloadBytes));
        });
        // SimpleResponse { payload = 1 { body = 2 } }: the zeros the interop service returns for response_size.
        ResponseMessage = Encode(output =>
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(Payload(responseBytes));
        });
    }

    public int RequestPayloadBytes { get; }

    public int ResponseBytes { get; }

    /// <summary>The serialized SimpleRequest.</summary>
    public byte[] RequestMessage { get; }

    /// <summary>The serialized SimpleResponse every correct server returns for it.</summary>
    public byte[] ResponseMessage { get; }

    /// <summary>The request as it travels: one uncompressed gRPC message (flag, 4-byte length, bytes).</summary>
    public byte[] FramedRequest => Frame(RequestMessage);

    public byte[] FramedResponse => Frame(ResponseMessage);

    // Payload { body = 2 }: zeros, as the interop service fills them.
    private static ByteString Payload(int size) => ByteString.CopyFrom(Encode(output =>
    {
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(new byte[size]));
    }));

    private static byte[] Encode(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }

    private static byte[] Frame(byte[] message)
    {
        var framed = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed, 5);
        return framed;
    }
}
