using System.Net;
using Upstream.Gateway.Tests.Hosting;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Tests;

/// <summary>Each client has its own budget of requests; over it, 429 with Retry-After.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["services:applications:http:0"] = "http://127.0.0.1:9",
        ["Gateway:ProbePath"] = "",
        ["Gateway:RateLimitPermits"] = "3",
        ["Gateway:RateLimitWindow"] = "00:01:00",
    }, new ScriptedService());

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(string token) => await _gateway.Rest.SendAsync(_gateway.Request(HttpMethod.Get, "/v1/calls", token));

    [Fact]
    public async Task A_client_over_its_budget_gets_429_with_retry_after_while_another_client_is_unaffected()
    {
        var busy = _gateway.Tokens.Issue("busy-user", [Roles.Applicant], "ADU");
        var other = _gateway.Tokens.Issue("other-user", [Roles.Applicant], "BIR");

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
}
