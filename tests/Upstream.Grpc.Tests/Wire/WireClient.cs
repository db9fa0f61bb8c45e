using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Upstream.Grpc.Tests.Wire;

/// <summary>
/// Sends hand-built gRPC requests over HTTP/2 with prior knowledge, so tests can put exactly the bytes and
/// headers they want on the wire (including ones a correct client never would).
/// </summary>
internal sealed class WireClient(Uri address) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler()) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

    public static byte[] Frame(byte[] payload, bool compressed = false)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    public Task<WireResponse> SendAsync(string path, byte[] body, Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default) =>
        SendAsync(path, new ByteArrayContent(body), configure, cancellationToken);

    public async Task<WireResponse> SendAsync(string path, HttpContent content, Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        configure?.Invoke(request);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new WireResponse(response.StatusCode, response.Version, Flatten(response.Headers, response.Content.Headers), Flatten(response.TrailingHeaders), body);
    }

    /// <summary>A normal call with an empty request and response: proves the server still serves after a fault.</summary>
    public async Task AssertServesEmptyCallAsync(string path = "/grpc.testing.TestService/EmptyCall")
    {
        var response = await SendAsync(path, Frame([]));
        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal([new GrpcFrameRead(false, [])], response.Messages);
    }

    public void Dispose() => http.Dispose();

    private static Dictionary<string, string> Flatten(params HttpHeaders[] headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in headers)
        {
            foreach (var (name, values) in group)
            {
                result[name] = string.Join(",", values);
            }
        }

        return result;
    }
}

internal sealed record GrpcFrameRead(bool Compressed, byte[] Payload)
{
    public bool Equals(GrpcFrameRead? other) => other is not null && Compressed == other.Compressed && Payload.AsSpan().SequenceEqual(other.Payload);

    public override int GetHashCode() => HashCode.Combine(Compressed, Payload.Length);
}

internal sealed record WireResponse(HttpStatusCode HttpStatus, Version HttpVersion, Dictionary<string, string> Headers, Dictionary<string, string> Trailers, byte[] Body)
{
    /// <summary>grpc-status from the trailers, or from the headers of a Trailers-Only response.</summary>
    public string? GrpcStatus => Trailers.GetValueOrDefault("grpc-status") ?? Headers.GetValueOrDefault("grpc-status");

    public string? GrpcMessage => Trailers.GetValueOrDefault("grpc-message") ?? Headers.GetValueOrDefault("grpc-message");

    public bool IsTrailersOnly => Trailers.Count == 0 && Headers.ContainsKey("grpc-status");

    public IReadOnlyList<GrpcFrameRead> Messages
    {
        get
        {
            var frames = new List<GrpcFrameRead>();
            var rest = Body.AsSpan();
            while (rest.Length >= 5)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(rest[1..]);
                frames.Add(new GrpcFrameRead(rest[0] == 1, rest.Slice(5, length).ToArray()));
                rest = rest[(5 + length)..];
            }

            Assert.True(rest.IsEmpty, "The response body ends inside a message.");
            return frames;
        }
    }
}
