using System.IO.Compression;
using System.IO.Pipelines;
using Google.Protobuf;
using Grpc.Testing;
using Upstream.Grpc.Protocol;

namespace Upstream.Grpc.Tests.Protocol;

/// <summary>The one length-prefixed codec both server and client use, over pipes as Kestrel and HttpClient feed them.</summary>
public sealed class MessageFramingTests
{
    private static readonly Marshaller<SimpleRequest> Requests = Marshallers.ForMessage(SimpleRequest.Parser);

    [Fact]
    public async Task A_message_arriving_a_byte_at_a_time_is_read_whole()
    {
        var request = new SimpleRequest { ResponseSize = 42, Payload = new Payload { Body = ByteString.CopyFromUtf8("hello") } };
        var pipe = new Pipe();
        var bytes = Framed(request);

        var reading = GrpcMessageReader.ReadAsync(pipe.Reader, Requests, null, 1024, default);
        foreach (var b in bytes)
        {
            await pipe.Writer.WriteAsync(new[] { b });
        }

        await pipe.Writer.CompleteAsync();
        Assert.Equal(request, await reading);
        Assert.Null(await GrpcMessageReader.ReadAsync(pipe.Reader, Requests, null, 1024, default));
    }

    [Fact]
    public async Task Several_messages_in_one_buffer_are_read_in_order()
    {
        var pipe = new Pipe();
        byte[] three = [.. Framed(new SimpleRequest { ResponseSize = 1 }), .. Framed(new SimpleRequest()), .. Framed(new SimpleRequest { ResponseSize = 3 })];
        await pipe.Writer.WriteAsync(three);
        await pipe.Writer.CompleteAsync();

        Assert.Equal(1, (await GrpcMessageReader.ReadAsync(pipe.Reader, Requests, null, 1024, default))!.ResponseSize);
        Assert.Equal(new SimpleRequest(), await GrpcMessageReader.ReadAsync(pipe.Reader, Requests, null, 1024, default));
        Assert.Equal(3, (await GrpcMessageReader.ReadAsync(pipe.Reader, Requests, null, 1024, default))!.ResponseSize);
        Assert.Null(await GrpcMessageReader.ReadAsync(pipe.Reader, Requests, null, 1024, default));
    }

    [Fact]
    public async Task A_stream_ending_inside_a_message_is_internal()
    {
        var status = await ReadFailureAsync(Framed(new SimpleRequest { ResponseSize = 9 })[..^1]);

        Assert.Equal(StatusCode.Internal, status.StatusCode);
    }

    [Fact]
    public async Task An_oversize_message_is_refused_from_its_header_alone()
    {
        var pipe = new Pipe();
        var header = new byte[5];
        GrpcFrame.WriteHeader(header, compressed: false, 2048);
        await pipe.Writer.WriteAsync(header); // the 2 KiB body never comes: no need to wait for it

        var failure = await Assert.ThrowsAsync<RpcException>(() => GrpcMessageReader.ReadAsync(pipe.Reader, Requests, null, 1024, default).AsTask());

        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
    }

    [Fact]
    public async Task A_compressed_message_needs_an_encoding()
    {
        var status = await ReadFailureAsync(Frame(Gzip(new SimpleRequest { ResponseSize = 1 }.ToByteArray()), compressed: true));

        Assert.Equal(StatusCode.Internal, status.StatusCode);
    }

    [Theory]
    [InlineData(GrpcCompression.Gzip)]
    [InlineData(GrpcCompression.Deflate)]
    public async Task Compressed_messages_round_trip(string encoding)
    {
        var request = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[10_000]) } };
        var pipe = new Pipe();

        GrpcMessageWriter.Write(pipe.Writer, request, Requests, encoding);
        await pipe.Writer.FlushAsync();
        await pipe.Writer.CompleteAsync();

        var written = await pipe.Reader.ReadAsync();
        Assert.Equal(1, written.Buffer.FirstSpan[0]);
        Assert.True(written.Buffer.Length < 1_000);
        pipe.Reader.AdvanceTo(written.Buffer.Start);
        Assert.Equal(request, await GrpcMessageReader.ReadAsync(pipe.Reader, Requests, encoding, 20_000, default));
    }

    [Fact]
    public async Task A_small_message_that_decompresses_past_the_limit_is_resource_exhausted()
    {
        var bomb = Gzip(new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[100_000]) } }.ToByteArray());

        var status = await ReadFailureAsync(Frame(bomb, compressed: true), GrpcCompression.Gzip, maxSize: 10_000);

        Assert.True(bomb.Length < 10_000);
        Assert.Equal(StatusCode.ResourceExhausted, status.StatusCode);
    }

    [Fact]
    public async Task Bytes_that_are_not_protobuf_are_internal()
    {
        var status = await ReadFailureAsync(Frame([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x07], compressed: false));

        Assert.Equal(StatusCode.Internal, status.StatusCode);
    }

    [Fact]
    public async Task Uncompressed_writes_are_the_header_then_the_protobuf_bytes()
    {
        var request = new SimpleRequest { ResponseSize = 300 };
        var pipe = new Pipe();

        GrpcMessageWriter.Write(pipe.Writer, request, Requests, encoding: null);
        await pipe.Writer.FlushAsync();

        var written = await pipe.Reader.ReadAsync();
        Assert.Equal(Framed(request), System.Buffers.BuffersExtensions.ToArray(written.Buffer));
    }

    private static async Task<Status> ReadFailureAsync(byte[] bytes, string? encoding = null, int maxSize = 1024)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(bytes);
        await pipe.Writer.CompleteAsync();
        var failure = await Assert.ThrowsAsync<RpcException>(() => GrpcMessageReader.ReadAsync(pipe.Reader, Requests, encoding, maxSize, default).AsTask());
        return failure.Status;
    }

    private static byte[] Framed(IMessage message) => Frame(message.ToByteArray(), compressed: false);

    private static byte[] Frame(byte[] payload, bool compressed)
    {
        var frame = new byte[5 + payload.Length];
        GrpcFrame.WriteHeader(frame, compressed, payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
