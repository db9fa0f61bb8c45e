using System.Collections.Concurrent;
using Upstream.Grpc.Client.Transport;

namespace Upstream.Grpc.Tests.Client;

/// <summary>Sits in front of the client's real handler and remembers each attempt's request and response headers.</summary>
internal sealed class WireRecorder() : DelegatingHandler(GrpcHttpHandler.Create())
{
    public ConcurrentQueue<HttpRequestMessage> Requests { get; } = new();

    public ConcurrentQueue<HttpResponseMessage> Responses { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        var response = await base.SendAsync(request, cancellationToken);
        Responses.Enqueue(response);
        return response;
    }
}
