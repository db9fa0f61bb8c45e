using Grpc.Core;
using Grpc.Net.Client;
using Upstream.Applications.V1;
using Upstream.Gateway.Tests.Hosting;
using Upstream.Hosting.Processes;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Tests;

/// <summary>
/// gRPC through the gateway's HTTP/2 endpoint, passed through by YARP: the official gRPC client calling the
/// official gRPC server (every kind of call, metadata and trailers both ways, statuses, deadlines, an unknown
/// service), and a .NET client calling our contract on the stand-in service with the edge's access rules.
/// </summary>
public sealed class PassThroughTests : IAsyncLifetime
{
    private ChildProcess _interop = null!;
    private ServiceHost _applications = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        (_interop, var port) = await OfficialGrpc.StartBackendAsync();
        _applications = await ApplicationsBackend.StartAsync();
        _gateway = await GatewayHost.StartAsync(
        [
            .. _applications.Discovery("applications"),
            new("services:interop:grpc:0", $"http://127.0.0.1:{port}"),
            .. GrpcRoute.To("grpc.testing.TestService", "interop"), // grpcio serves no HTTP /health: no active probe
        ]);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _applications.DisposeAsync();
        await _interop.StopAsync(TimeSpan.FromSeconds(2));
        await _interop.DisposeAsync();
    }

    [Fact]
    public async Task Grpcio_calls_through_the_gateway_unary_and_streaming_both_ways()
    {
        var lines = await OfficialGrpc.RunClientAsync(_gateway.GrpcTarget, _gateway.Tokens.Issue("staff-1", [Roles.Staff]));

        string[] cases = ["large_unary", "custom_metadata", "token_forwarded", "status_and_message", "deadline", "server_streaming", "client_streaming", "ping_pong", "unknown_service"];
        Assert.Equal(cases.Select(c => c + " ok"), lines);
    }

    [Fact]
    public async Task Our_contract_over_grpc_follows_the_same_access_rules_as_rest()
    {
        using var channel = GrpcChannel.ForAddress(_gateway.GrpcAddress);
        var calls = new CallService.CallServiceClient(channel);
        var applications = new ApplicationService.ApplicationServiceClient(channel);
        var applicant = new Metadata { { "authorization", "Bearer " + _gateway.Tokens.Issue("adur-officer", [Roles.Applicant], "ADU") } };

        var published = await calls.GetCallAsync(new GetCallRequest { CallId = "c-1" });
        var anonymous = await Assert.ThrowsAsync<RpcException>(async () => await applications.GetApplicationAsync(new GetApplicationRequest { ApplicationId = "a-1" }));
        var own = await applications.GetApplicationAsync(new GetApplicationRequest { ApplicationId = "a-1" }, applicant);
        var notFound = await Assert.ThrowsAsync<RpcException>(async () => await calls.GetCallAsync(new GetCallRequest { CallId = "c-404" }));

        Assert.Equal("Upstream Collaborative 2025", published.Title);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.Equal("ADU", own.LeadCouncilCode);
        Assert.Equal((StatusCode.NotFound, "No call c-404."), (notFound.StatusCode, notFound.Status.Detail));
    }
}
