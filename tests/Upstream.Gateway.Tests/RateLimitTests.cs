using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Upstream.Applications.V1;
using Upstream.Gateway.Tests.Hosting;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Tests;

/// <summary>Each client has its own budget of requests, REST and gRPC together; over it, 429 with Retry-After (gRPC: RESOURCE_EXHAUSTED).</summary>
public sealed class RateLimitTests(RateLimitTests.Edge edge) : IClassFixture<RateLimitTests.Edge>
{
    public sealed class Edge : EdgeFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Gateway:RateLimitPermits", "3"), new("Gateway:RateLimitWindow", "00:01:00")];
    }

    private GatewayHost Gateway => edge.Gateway;

    private async Task<HttpResponseMessage> GetAsync(string token) => await Gateway.Rest.SendAsync(Gateway.Request(HttpMethod.Get, "/v1/calls", token));

    [Fact]
    public async Task A_client_over_its_budget_gets_429_with_retry_after_while_another_client_is_unaffected()
    {
        var busy = Gateway.Tokens.Issue("busy-user", [Roles.Applicant], "ADU");
        var other = Gateway.Tokens.Issue("other-user", [Roles.Applicant], "BIR");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await GetAsync(busy)).StatusCode);
        }

        var refused = await GetAsync(busy);
        var otherClient = await GetAsync(other);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }

    [Fact]
    public async Task A_grpc_client_over_its_budget_gets_resource_exhausted()
    {
        var metadata = new Metadata { { "authorization", "Bearer " + Gateway.Tokens.Issue("grpc-user", [Roles.Staff]) } };
        using var channel = GrpcChannel.ForAddress(Gateway.GrpcAddress);
        var calls = new CallService.CallServiceClient(channel);

        for (var i = 0; i < 3; i++)
        {
            await calls.ListCallsAsync(new ListCallsRequest(), metadata);
        }

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await calls.ListCallsAsync(new ListCallsRequest(), metadata));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
    }
}
