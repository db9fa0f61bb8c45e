using System.Net;
using Upstream.Gateway.Tests.Hosting;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Tests;

/// <summary>
/// The Grants routes' roles at the edge: the 360Giving data is for staff and partners only; deciding, assessing and
/// paying for staff only. What passes the edge reaches the stand-in service, which answers UNIMPLEMENTED (501).
/// </summary>
public sealed class GrantsRouteTests(EdgeFixture edge) : IClassFixture<EdgeFixture>
{
    [Theory]
    [InlineData(Roles.Partner, HttpStatusCode.NotImplemented)]
    [InlineData(Roles.Staff, HttpStatusCode.NotImplemented)]
    [InlineData(Roles.Member, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Applicant, HttpStatusCode.Forbidden)]
    public async Task Only_staff_and_partners_take_the_360Giving_data(string role, HttpStatusCode expected)
    {
        using var response = await edge.Gateway.Rest.SendAsync(edge.Gateway.Request(HttpMethod.Get, "/v1/funds/f-1/360giving", edge.Gateway.Tokens.Issue("user-1", [role], "BIR")));

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/v1/grant-requests/r-1:award")]
    [InlineData("POST", "/v1/grant-requests/r-1:decline")]
    [InlineData("POST", "/v1/grant-requests/r-1/assessors")]
    [InlineData("POST", "/v1/grants/g-1/payments")]
    [InlineData("POST", "/v1/grants/g-1/reports/r-1:accept")]
    [InlineData("GET", "/v1/grant-reports:overdue")]
    [InlineData("POST", "/v1/funds")]
    [InlineData("PUT", "/v1/funds/f-1")]
    public async Task A_member_is_refused_staff_work_at_the_edge(string verb, string path)
    {
        var member = edge.Gateway.Tokens.Issue("member-1", [Roles.Member], "BIR");

        using var response = await edge.Gateway.Rest.SendAsync(edge.Gateway.Request(new HttpMethod(verb), path, member, verb == "GET" ? null : "{}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_member_reaches_the_service_with_its_own_requests_and_reports()
    {
        var member = edge.Gateway.Tokens.Issue("member-1", [Roles.Member], "BIR");

        using var draft = await edge.Gateway.Rest.SendAsync(edge.Gateway.Request(HttpMethod.Post, "/v1/funds/f-1/grant-requests", member, "{}"));
        using var report = await edge.Gateway.Rest.SendAsync(edge.Gateway.Request(HttpMethod.Post, "/v1/grants/g-1/reports/r-1:submit", member, "{}"));

        Assert.Equal((HttpStatusCode.NotImplemented, HttpStatusCode.NotImplemented), (draft.StatusCode, report.StatusCode));
    }
}
