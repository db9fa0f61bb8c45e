using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Integration.Tests.Network.Workgroups;

/// <summary>The REST routes the gateway forwards, as the service serves them by JSON transcoding.</summary>
public sealed class WorkgroupRestTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_member_forms_and_joins_over_rest_and_a_second_join_names_the_field()
    {
        await using var stage = await WorkgroupStage.StartAsync(infrastructure);
        var bristol = stage.Host.Token("member-bristol", Roles.Member, "BRI");
        var adur = stage.Host.Token("member-adur", Roles.Member, "ADU");

        using var formed = await SendAsync(stage, HttpMethod.Post, "/v1/workgroups", bristol, """
            { "name": "Early help together", "theme": "Prevention", "leadCouncilCode": "BRI",
              "learningProduct": { "description": "A commissioning toolkit", "dueOn": "2031-03-31" } }
            """);
        var workgroup = JsonDocument.Parse(await formed.Content.ReadAsStringAsync()).RootElement;
        var id = workgroup.GetProperty("id").GetString();
        using var joined = await SendAsync(stage, HttpMethod.Post, $"/v1/workgroups/{id}/participants", adur, """{ "councilCode": "ADU" }""");
        using var again = await SendAsync(stage, HttpMethod.Post, $"/v1/workgroups/{id}/participants", adur, """{ "councilCode": "ADU" }""");
        using var left = await SendAsync(stage, HttpMethod.Delete, $"/v1/workgroups/{id}/participants/ADU", adur);

        Assert.Equal((HttpStatusCode.OK, "BRI"), (formed.StatusCode, workgroup.GetProperty("leadCouncilCode").GetString()));
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var violation = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("details")[0].GetProperty("fieldViolations")[0];
        Assert.Equal("council_code", violation.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Single(JsonDocument.Parse(await left.Content.ReadAsStringAsync()).RootElement.GetProperty("participants").EnumerateArray());
    }

    private static async Task<HttpResponseMessage> SendAsync(WorkgroupStage stage, HttpMethod method, string path, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await stage.Host.Http.SendAsync(request);
    }
}
