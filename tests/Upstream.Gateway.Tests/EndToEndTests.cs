using System.Net;
using System.Text.Json;
using Upstream.Gateway.Tests.Hosting;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Tests;

/// <summary>
/// Front end to service and back over real connections: HTTP/1.1 JSON into the gateway, gRPC over HTTP/2 through
/// the project's client runtime to a service on the project's gRPC server, which checks the forwarded token.
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private Http2Backend _backend = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await ApplicationsBackend.StartAsync();
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["services:applications:http:0"] = _backend.Address,
            ["Gateway:ProbePath"] = "",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? token = null, string? json = null)
    {
        using var response = await _gateway.Rest.SendAsync(_gateway.Request(method, path, token, json));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task Anonymous_visitors_read_a_published_call()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/v1/calls/c-1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("c-1", "Upstream Collaborative 2025", 20), (body.GetProperty("id").GetString(), body.GetProperty("title").GetString(), body.GetProperty("targetCohortSize").GetInt32()));
    }

    [Fact]
    public async Task A_missing_call_is_a_404_problem_in_the_services_words()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/v1/calls/c-404");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(("NOT_FOUND", "No call c-404."), (body.GetProperty("code").GetString(), body.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task An_applicant_reads_their_own_councils_application_but_not_another_councils()
    {
        var own = _gateway.Tokens.Issue("adur-officer", [Roles.Applicant], "ADU");
        var other = _gateway.Tokens.Issue("brighton-officer", [Roles.Applicant], "BNH");

        var (ownStatus, ownBody) = await SendAsync(HttpMethod.Get, "/v1/applications/a-1", own);
        var (otherStatus, otherBody) = await SendAsync(HttpMethod.Get, "/v1/applications/a-1", other);

        Assert.Equal(HttpStatusCode.OK, ownStatus);
        Assert.Equal(("ADU", "APPLICATION_STATE_SUBMITTED"), (ownBody.GetProperty("leadCouncilCode").GetString(), ownBody.GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, otherStatus);
        Assert.Equal("This application belongs to another council.", otherBody.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Field_violations_the_service_reports_are_listed_in_the_problem()
    {
        var staff = _gateway.Tokens.Issue("staff-1", [Roles.Staff]);

        var (status, body) = await SendAsync(HttpMethod.Post, "/v1/calls", staff, """{"description":"No title yet"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var violation = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(("details.title", "Give the call a title."), (violation.GetProperty("field").GetString(), violation.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task The_service_checks_the_forwarded_token_itself()
    {
        var applicant = _gateway.Tokens.Issue("adur-officer", [Roles.Applicant], "ADU");

        var (status, body) = await SendAsync(HttpMethod.Post, "/v1/calls", applicant, """{"title":"Mine"}""");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Only programme staff draft calls.", body.GetProperty("detail").GetString());
    }
}
