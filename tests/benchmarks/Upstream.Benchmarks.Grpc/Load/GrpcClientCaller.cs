using Grpc.Net.Client;
using Grpc.Testing;
using Upstream.Benchmarks.Grpc.Workload;

namespace Upstream.Benchmarks.Grpc.Load;

/// <summary>The official client: the generated TestServiceClient on a GrpcChannel with its default handler.</summary>
internal sealed class GrpcClientCaller : IUnaryCaller
{
    private readonly GrpcChannel _channel;
    private readonly TestService.TestServiceClient _client;
    private readonly SimpleRequest _request;
    private readonly int _responseBytes;

    public GrpcClientCaller(Uri server, UnaryWorkload workload)
    {
        _channel = GrpcChannel.ForAddress(server);
        _client = new TestService.TestServiceClient(_channel);
        _request = workload.Request;
        _responseBytes = workload.ResponseBytes;
    }

    public async Task CallAsync(CancellationToken cancellationToken)
    {
        var response = await _client.UnaryCallAsync(_request, cancellationToken: cancellationToken);
        if (response.Payload.Body.Length != _responseBytes)
        {
            throw new InvalidOperationException($"The response carried {response.Payload.Body.Length} bytes, not {_responseBytes}.");
        }
    }

    public void Dispose() => _channel.Dispose();
}
