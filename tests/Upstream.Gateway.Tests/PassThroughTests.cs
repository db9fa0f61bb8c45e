using Upstream.Gateway.Tests.Hosting;
using Upstream.Hosting.Processes;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Tests;

/// <summary>
/// The official gRPC client calls the official gRPC server through the gateway's pass-through: every kind of
/// call, metadata and trailers both ways, statuses, deadlines, and a service the gateway does not front.
/// </summary>
public sealed class PassThroughTests : IAsyncLifetime
{
    private ChildProcess _backend = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        (_backend, var port) = await OfficialGrpc.StartBackendAsync();
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["services:interop:http:0"] = $"http://127.0.0.1:{port}",
            ["Gateway:Backends:grpc.testing.TestService"] = "interop",
            ["Gateway:ProbePath"] = "", // grpcio serves no HTTP /health
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.StopAsync(TimeSpan.FromSeconds(2));
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Grpcio_calls_through_the_gateway_unary_and_streaming_both_ways()
    {
        var lines = await OfficialGrpc.RunClientAsync(_gateway.GrpcTarget, _gateway.Tokens.Issue("staff-1", [Roles.Staff]));

        string[] cases = ["large_unary", "custom_metadata", "token_forwarded", "status_and_message", "deadline", "server_streaming", "client_streaming", "ping_pong", "unknown_service"];
        Assert.Equal(cases.Select(c => c + " ok"), lines);
    }
}
