using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using Grpc.Testing;
using Upstream.Grpc.Tests.Interop;

namespace Upstream.Grpc.Tests.Wire;

/// <summary>
/// Faulty requests as raw HTTP/2: each gets the status the protocol prescribes, nothing hangs or crashes, and the
/// server serves a normal call right afterwards.
/// </summary>
public sealed class WireFaultTests(InteropServerFixture server) : IClassFixture<InteropServerFixture>, IDisposable
{
    private const string UnaryCall = "/grpc.testing.TestService/UnaryCall";
    private readonly WireClient client = new(server.Address);

    [Fact]
    public async Task A_frame_cut_off_inside_its_header_is_internal()
    {
        var response = await client.SendAsync(UnaryCall, [0, 0, 0]);

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("13", response.GrpcStatus);
        await client.AssertServesEmptyCallAsync();
    }

    [Fact]
    public async Task A_length_prefix_larger_than_the_body_is_internal()
    {
        var frame = WireClient.Frame(new byte[10]);
        frame[4] = 100; // claims 100 bytes, 10 follow

        var response = await client.SendAsync(UnaryCall, frame);

        Assert.Equal("13", response.GrpcStatus);
        Assert.Contains("Incomplete", response.GrpcMessage, StringComparison.OrdinalIgnoreCase);
        await client.AssertServesEmptyCallAsync();
    }

    [Fact]
    public async Task A_message_that_is_not_protobuf_is_internal()
    {
        var response = await client.SendAsync(UnaryCall, WireClient.Frame([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x07]));

        Assert.Equal("13", response.GrpcStatus);
        Assert.True(response.IsTrailersOnly);
        await client.AssertServesEmptyCallAsync();
    }

    [Fact]
    public async Task A_message_over_4_MiB_is_resource_exhausted()
    {
        var request = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]) } };

        var response = await client.SendAsync(UnaryCall, WireClient.Frame(request));

        Assert.Equal("8", response.GrpcStatus);
        await client.AssertServesEmptyCallAsync();
    }

    [Fact]
    public async Task A_compressed_message_without_grpc_encoding_is_internal()
    {
        var response = await client.SendAsync(UnaryCall, WireClient.Frame(Gzip(new SimpleRequest { ResponseSize = 1 }.ToByteArray()), compressed: true));

        Assert.Equal("13", response.GrpcStatus);
        Assert.Contains("grpc-encoding", response.GrpcMessage, StringComparison.Ordinal);
        await client.AssertServesEmptyCallAsync();
    }

    [Fact]
    public async Task A_garbage_timeout_is_ignored_and_the_call_served()
    {
        // As C-core and grpc-dotnet servers do: a malformed grpc-timeout means no deadline, not a failed call.
        var response = await client.SendAsync(UnaryCall, WireClient.Frame(new SimpleRequest { ResponseSize = 3 }),
            request => request.Headers.TryAddWithoutValidation("grpc-timeout", "soon!"));

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal(3, SimpleResponse.Parser.ParseFrom(Assert.Single(response.Messages).Payload).Payload.Body.Length);
    }

    [Fact]
    public async Task An_unknown_encoding_is_unimplemented_and_lists_the_supported_ones()
    {
        var response = await client.SendAsync(UnaryCall, WireClient.Frame([1, 2, 3], compressed: true),
            request => request.Headers.TryAddWithoutValidation("grpc-encoding", "snappy"));

        Assert.Equal("12", response.GrpcStatus);
        Assert.Contains("gzip", response.Headers["grpc-accept-encoding"], StringComparison.Ordinal);
        await client.AssertServesEmptyCallAsync();
    }

    [Fact]
    public async Task A_request_that_is_not_grpc_gets_415()
    {
        var response = await client.SendAsync(UnaryCall, WireClient.Frame([]),
            request => request.Content!.Headers.ContentType = new("application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        await client.AssertServesEmptyCallAsync();
    }

    [Fact]
    public async Task Gzip_works_in_both_directions()
    {
        var request = new SimpleRequest { ResponseSize = 5000, ResponseCompressed = new BoolValue { Value = true }, Payload = new Payload { Body = ByteString.CopyFrom(new byte[3000]) } };

        var response = await client.SendAsync(UnaryCall, WireClient.Frame(Gzip(request.ToByteArray()), compressed: true), message =>
        {
            message.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
            message.Headers.TryAddWithoutValidation("grpc-accept-encoding", "identity, gzip");
        });

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal("gzip", response.Headers["grpc-encoding"]);
        var frame = Assert.Single(response.Messages);
        Assert.True(frame.Compressed);
        Assert.True(frame.Payload.Length < 5000);
        Assert.Equal(5000, SimpleResponse.Parser.ParseFrom(Gunzip(frame.Payload)).Payload.Body.Length);
    }

    [Fact]
    public async Task A_response_the_request_does_not_mark_compressed_goes_uncompressed()
    {
        var response = await client.SendAsync(UnaryCall, WireClient.Frame(new SimpleRequest { ResponseSize = 100 }),
            message => message.Headers.TryAddWithoutValidation("grpc-accept-encoding", "gzip"));

        Assert.False(Assert.Single(response.Messages).Compressed);
    }

    [Fact]
    public async Task Unknown_services_and_methods_are_unimplemented_with_http_200()
    {
        var unknownService = await client.SendAsync("/no.such.Service/Method", WireClient.Frame([]));
        var unknownMethod = await client.SendAsync("/grpc.testing.TestService/NoSuchMethod", WireClient.Frame([]));
        var wrongCase = await client.SendAsync("/grpc.testing.TestService/emptycall", WireClient.Frame([]));

        Assert.All([unknownService, unknownMethod, wrongCase], response =>
        {
            Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
            Assert.Equal("12", response.GrpcStatus);
            Assert.True(response.IsTrailersOnly);
        });
    }

    [Fact]
    public async Task The_status_message_is_percent_encoded_on_the_wire()
    {
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = "50% \u263a\n" } };

        var response = await client.SendAsync(UnaryCall, WireClient.Frame(request));

        Assert.Equal("2", response.GrpcStatus);
        Assert.Equal("50%25 %E2%98%BA%0A", response.GrpcMessage);
    }

    [Fact]
    public async Task A_deadline_ends_an_open_stream_with_deadline_exceeded()
    {
        using var neverEnds = new OpenRequestStream(WireClient.Frame(new StreamingOutputCallRequest()));

        var response = await client.SendAsync("/grpc.testing.TestService/FullDuplexCall", neverEnds,
            message => message.Headers.TryAddWithoutValidation("grpc-timeout", "200m"));

        Assert.Equal("4", response.GrpcStatus);
        await client.AssertServesEmptyCallAsync();
    }

    [Fact]
    public async Task Health_still_answers_http_1_1_on_the_same_port()
    {
        using var http = new HttpClient { BaseAddress = server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health") { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
    }

    public void Dispose() => client.Dispose();

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>A request body that sends its bytes and then stays open, as a client still streaming would.</summary>
    private sealed class OpenRequestStream(byte[] first) : HttpContent
    {
        private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(first);
            await stream.FlushAsync();
            await closed.Task;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            closed.TrySetResult();
            base.Dispose(disposing);
        }
    }
}
