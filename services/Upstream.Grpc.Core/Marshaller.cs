using System.Buffers;
using Google.Protobuf;

namespace Upstream.Grpc;

/// <summary>Writes a message into a span of exactly its serialized size.</summary>
public delegate void SpanSerializer<in T>(T message, Span<byte> destination);

/// <summary>
/// Turns messages of one type into bytes and back. Protobuf messages know their size up front, so the codec
/// serializes them straight into the output buffer behind the frame header (no array per message).
/// </summary>
public sealed class Marshaller<T>
{
    private readonly Func<T, byte[]>? serializer;
    private readonly Func<T, int>? sizeOf;
    private readonly SpanSerializer<T>? serializeInto;
    private readonly Func<ReadOnlySequence<byte>, T> deserializer;

    /// <summary>A marshaller from plain array functions (for non-protobuf payloads and tests).</summary>
    public Marshaller(Func<T, byte[]> serializer, Func<byte[], T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(deserializer);
        this.serializer = serializer;
        this.deserializer = bytes => deserializer(bytes.ToArray());
    }

    /// <summary>A marshaller that sizes first, then serializes in place, and parses from (possibly segmented) buffers.</summary>
    public Marshaller(Func<T, int> sizeOf, SpanSerializer<T> serializeInto, Func<ReadOnlySequence<byte>, T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(sizeOf);
        ArgumentNullException.ThrowIfNull(serializeInto);
        ArgumentNullException.ThrowIfNull(deserializer);
        this.sizeOf = sizeOf;
        this.serializeInto = serializeInto;
        this.deserializer = deserializer;
    }

    public byte[] Serialize(T message)
    {
        if (serializer is not null)
        {
            return serializer(message);
        }

        var bytes = new byte[sizeOf!(message)];
        serializeInto!(message, bytes);
        return bytes;
    }

    /// <summary>The serialized size, when it can be known without serializing.</summary>
    public bool TryGetSize(T message, out int size)
    {
        size = sizeOf is null ? -1 : sizeOf(message);
        return sizeOf is not null;
    }

    /// <summary>Serializes into a span of the size <see cref="TryGetSize"/> returned.</summary>
    public void SerializeInto(T message, Span<byte> destination)
    {
        if (serializeInto is null)
        {
            throw new InvalidOperationException("This marshaller cannot serialize in place; use Serialize.");
        }

        serializeInto(message, destination);
    }

    public T Deserialize(ReadOnlySequence<byte> payload) => deserializer(payload);

    public T Deserialize(byte[] payload) => deserializer(new ReadOnlySequence<byte>(payload));
}

/// <summary>Marshallers for protobuf messages.</summary>
public static class Marshallers
{
    public static Marshaller<T> ForMessage<T>()
        where T : IMessage<T>, new() => ForMessage(new MessageParser<T>(() => new T()));

    public static Marshaller<T> ForMessage<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(parser);
        return new Marshaller<T>(
            static message => message.CalculateSize(),
            static (message, destination) => message.WriteTo(destination),
            parser.ParseFrom);
    }
}
