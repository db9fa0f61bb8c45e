using System.Net;
using System.Net.Http.Headers;
using Upstream.Benchmarks.Grpc.Workload;

namespace Upstream.Benchmarks.Grpc.Load;

/// <summary>
/// The client-side ceiling: the gRPC call written straight on HttpClient, with nothing but the framing the
/// protocol requires. Our client is measured against what HttpClient alone can do on this machine.
/// </summary>
internal sealed class RawHttpCaller(Uri server, UnaryWorkload workload) : IUnaryCaller
{
    private static readonly MediaTypeHeaderValue Grpc = new("application/grpc");
    private readonly HttpClient _http = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
    private readonly Uri _method = new(server, UnaryWorkload.Path);
    private readonly byte[] _request = workload.FramedRequest;
    private readonly int _responseLength = workload.FramedResponse.Length;

    public async Task CallAsync(CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(_request);
        content.Headers.ContentType = Grpc;
        using var request = new HttpRequestMessage(HttpMethod.Post, _method)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var values) ? values.FirstOrDefault() : null;
        if (status != "0" || body.Length != _responseLength)
        {
            throw new InvalidOperationException($"Call ended with grpc-status {status ?? "(none)"} and {body.Length} bytes.");
        }
    }

    public void Dispose() => _http.Dispose();
}
