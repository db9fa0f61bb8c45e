using Google.Protobuf;
using Grpc.Testing;

namespace Upstream.Benchmarks.Grpc.Workload;

/// <summary>
/// The one unary call every server and client in the benchmark exchanges: grpc.testing.TestService/UnaryCall
/// with a fixed request payload, asking for a fixed-size response. Encoded once here, so h2load, the bare
/// handler and the correctness check all use the very same bytes.
/// </summary>
internal sealed class UnaryWorkload(int requestPayloadBytes, int responseBytes)
{
    public const string Path = "/grpc.testing.TestService/UnaryCall";

    public int ResponseBytes { get; } = responseBytes;

    public SimpleRequest Request { get; } = new()
    {
        ResponseSize = responseBytes,
        Payload = new Payload { Body = ByteString.CopyFrom(new byte[requestPayloadBytes]) },
    };

    /// <summary>What the interop service answers: response_size zero bytes (COMPRESSABLE, the default type).</summary>
    public SimpleResponse Response { get; } = new() { Payload = new Payload { Body = ByteString.CopyFrom(new byte[responseBytes]) } };

    public byte[] RequestMessage => Request.ToByteArray();

    public byte[] ResponseMessage => Response.ToByteArray();

    /// <summary>The request as it travels: one uncompressed gRPC message (flag, 4-byte length, bytes).</summary>
    public byte[] FramedRequest => Frame(RequestMessage);

    public byte[] FramedResponse => Frame(ResponseMessage);

    private static byte[] Frame(byte[] message)
    {
        var framed = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed, 5);
        return framed;
    }
}
