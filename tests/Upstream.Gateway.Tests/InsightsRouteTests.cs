using System.Net;
using Upstream.Gateway.Tests.Hosting;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Tests;

/// <summary>
/// The Insights routes' roles at the edge: published insight and the feeds need no token; writing is for staff; the
/// patterns for staff and partners. What passes the edge reaches the stand-in service (501 for its gRPC methods, a line of
/// text for each feed).
/// </summary>
public sealed class InsightsRouteTests(EdgeFixture edge) : IClassFixture<EdgeFixture>
{
    [Theory]
    [InlineData("/feeds/insights.atom")]
    [InlineData("/feeds/insights.json?page=2")]
    public async Task The_feeds_reach_the_service_without_a_token(string path)
    {
        using var response = await edge.Gateway.Rest.SendAsync(edge.Gateway.Request(HttpMethod.Get, path, null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("stand-in", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Roles.Member, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Partner, HttpStatusCode.OK)]
    public async Task The_private_grants_feed_is_for_partners_and_staff(string? role, HttpStatusCode expected)
    {
        var token = role is null ? null : edge.Gateway.Tokens.Issue("user-1", [role], "BIR");

        using var response = await edge.Gateway.Rest.SendAsync(edge.Gateway.Request(HttpMethod.Get, "/feeds/grants.json", token));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_websub_subscription_request_reaches_the_hub_without_a_token()
    {
        using var response = await edge.Gateway.Rest.SendAsync(edge.Gateway.Request(HttpMethod.Post, "/websub/hub", null, "{}"));

        Assert.Equal("stand-in hub", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Other_paths_under_feeds_are_not_routed_and_posting_to_a_feed_is_refused()
    {
        using var other = await edge.Gateway.Rest.SendAsync(edge.Gateway.Request(HttpMethod.Get, "/feeds/secret", null));
        using var post = await edge.Gateway.Rest.SendAsync(edge.Gateway.Request(HttpMethod.Post, "/feeds/insights.atom", null, "{}"));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (other.StatusCode, post.StatusCode));
    }

    [Theory]
    [InlineData(Roles.Partner, "/v1/insight-patterns?region=North%20West", HttpStatusCode.NotImplemented)]
    [InlineData(Roles.Staff, "/v1/insight-patterns", HttpStatusCode.NotImplemented)]
    [InlineData(Roles.Member, "/v1/insight-patterns", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Partner, "/v1/programme-at-a-glance", HttpStatusCode.NotImplemented)]
    [InlineData(Roles.Partner, "/v1/programme-at-a-glance/map", HttpStatusCode.NotImplemented)]
    [InlineData(Roles.Member, "/v1/programme-at-a-glance/map", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Applicant, "/v1/programme-at-a-glance", HttpStatusCode.Forbidden)]
    public async Task Only_staff_and_partners_read_the_patterns_and_the_programme_at_a_glance(string role, string path, HttpStatusCode expected)
    {
        using var response = await edge.Gateway.Rest.SendAsync(edge.Gateway.Request(HttpMethod.Get, path, edge.Gateway.Tokens.Issue("user-1", [role], "BIR")));

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/v1/webhook-subscriptions")]
    [InlineData("GET", "/v1/webhook-subscriptions/s-1/deliveries")]
    [InlineData("POST", "/v1/webhook-deliveries/d-1:replay")]
    public async Task Webhooks_are_for_partners_and_staff_and_a_member_is_refused_at_the_edge(string verb, string path)
    {
        var partner = edge.Gateway.Tokens.Issue("partner-1", [Roles.Partner]);
        var member = edge.Gateway.Tokens.Issue("member-1", [Roles.Member], "BIR");

        using var allowed = await edge.Gateway.Rest.SendAsync(edge.Gateway.Request(new HttpMethod(verb), path, partner, verb == "GET" ? null : "{}"));
        using var refused = await edge.Gateway.Rest.SendAsync(edge.Gateway.Request(new HttpMethod(verb), path, member, verb == "GET" ? null : "{}"));

        Assert.Equal((HttpStatusCode.NotImplemented, HttpStatusCode.Forbidden), (allowed.StatusCode, refused.StatusCode));
    }

    [Theory]
    [InlineData("POST", "/v1/webhook-allowed-hosts")]
    [InlineData("POST", "/v1/publications")]
    [InlineData("PUT", "/v1/publications/p-1")]
    [InlineData("POST", "/v1/publications/p-1:publish")]
    [InlineData("POST", "/v1/publications/p-1:retract")]
    public async Task A_partner_is_refused_writing_insight_at_the_edge(string verb, string path)
    {
        var partner = edge.Gateway.Tokens.Issue("partner-1", [Roles.Partner]);

        using var response = await edge.Gateway.Rest.SendAsync(edge.Gateway.Request(new HttpMethod(verb), path, partner, "{}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
