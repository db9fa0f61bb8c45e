using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Upstream.Integration.Tests.Network.Members;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Integration.Tests.Network;

/// <summary>The service's REST surface (JSON transcoding of the same methods), as the gateway forwards it.</summary>
public sealed class RestSurfaceTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Members_people_and_exports_are_reachable_over_rest_with_the_same_rules()
    {
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure);
        await network.SelectAsync(MemberSeeding.Selection("ADU"));
        var member = Bearer(network.Token("member-ADU", Roles.Member, "ADU"));

        using var adur = await network.Http.SendAsync(Request(HttpMethod.Get, "/v1/members/ADU", member));
        using var people = await network.Http.SendAsync(Request(HttpMethod.Get, "/v1/members/ADU/people", member));
        using var other = await network.Http.SendAsync(Request(HttpMethod.Get, "/v1/members/ADU", Bearer(network.Token("member-BIR", Roles.Member, "BIR"))));
        using var badEmail = await network.Http.SendAsync(Request(HttpMethod.Post, "/v1/members/ADU/people", member, new { name = "Kim", role = "Officer", email = "kim" }));

        Assert.Equal(HttpStatusCode.OK, adur.StatusCode);
        Assert.Equal("ADU", (await adur.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("councilCode").GetString());
        var alexId = (await people.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("people")[0].GetProperty("id").GetString();
        using var export = await network.Http.SendAsync(Request(HttpMethod.Get, $"/v1/people/{alexId}:export", member));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains("alex@adu.gov.uk", (await export.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("json").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.Contains("details.email", await badEmail.Content.ReadAsStringAsync());
    }

    private static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    private static HttpRequestMessage Request(HttpMethod method, string path, AuthenticationHeaderValue bearer, object? body = null) =>
        new(method, path) { Headers = { Authorization = bearer }, Content = body is null ? null : JsonContent.Create(body) };
}
