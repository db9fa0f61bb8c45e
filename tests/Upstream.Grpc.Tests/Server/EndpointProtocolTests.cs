using System.Net;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Upstream.Grpc.Tests.Wire;

namespace Upstream.Grpc.Tests.Server;

/// <summary>A service bound from its URL (as the app host starts services) takes gRPC and HTTP/1.1 on one port.</summary>
public sealed class EndpointProtocolTests
{
    [Fact]
    public async Task A_url_bound_endpoint_serves_prior_knowledge_http2_and_http_1_1()
    {
        await using var host = await TestGrpcHost.StartAsync(
            _ => { },
            app =>
            {
                app.MapGrpcService<EmptyService>();
                app.MapGet("/health", () => "Healthy");
            },
            bindFromUrls: true);
        using var grpc = new WireClient(host.Address);
        using var http = new HttpClient { BaseAddress = host.Address };

        await grpc.AssertServesEmptyCallAsync();
        using var health = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health") { Version = HttpVersion.Version11 });

        Assert.Equal(HttpVersion.Version11, health.Version);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.DoesNotContain(host.Logs.Entries, entry => entry.Message.Contains("HTTP/2 is not enabled", StringComparison.Ordinal));
    }

    private sealed class EmptyService : TestService.TestServiceBase
    {
        public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());
    }
}
