using Grpc.Testing;
using Upstream.Benchmarks.Grpc.Workload;
using Upstream.Grpc.Client;

namespace Upstream.Benchmarks.Grpc.Load;

/// <summary>Our typed client (generated TestServiceClient on HttpCallInvoker) making the benchmark's call.</summary>
internal sealed class OurClientCaller : IUnaryCaller
{
    private readonly HttpCallInvoker _invoker;
    private readonly TestService.TestServiceClient _client;
    private readonly SimpleRequest _request;
    private readonly int _responseBytes;

    public OurClientCaller(Uri server, UnaryWorkload workload)
    {
        _invoker = new HttpCallInvoker(server);
        _client = new TestService.TestServiceClient(_invoker);
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

    public void Dispose() => _invoker.Dispose();
}
