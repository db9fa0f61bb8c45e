using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Upstream.ServiceDefaults.Identity;


namespace Upstream.Integration.Tests.Platform;

/// <summary>Services validate bearer tokens themselves: issuer, audience, signature and lifetime.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Authentication:Issuer"] = "upstream-dev",
        ["Authentication:Audience"] = "upstream",
        ["Authentication:SigningKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 3)).ToArray()),
    };

    private WebApplication? _app;
    private HttpClient _http = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceAuthentication();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGet("/me", (HttpContext context) => Caller.From(context.User) is var c ? new { c.Subject, Roles = c.Roles.Order().ToArray(), c.CouncilCode } : null).RequireAuthorization();
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
    }

    private static TokenIssuer Issuer(TimeProvider? clock = null, Dictionary<string, string?>? settings = null) =>
        new(TokenSettings.From(new ConfigurationBuilder().AddInMemoryCollection(settings ?? Settings).Build()), clock ?? TimeProvider.System);

    private async Task<HttpResponseMessage> GetMeAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _http.SendAsync(request);
    }

    [Fact]
    public async Task A_valid_token_identifies_the_caller_with_roles_and_council()
    {
        var response = await GetMeAsync(Issuer().Issue("user-17", [Roles.Applicant], "ADU"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<Me>();
        Assert.Equal(("user-17", "applicant", "ADU"), (me!.Subject, string.Join(",", me.Roles), me.CouncilCode));
    }

    [Fact]
    public async Task No_token_is_unauthorised()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetMeAsync(null)).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_unauthorised()
    {
        var forged = Issuer(settings: new(Settings) { ["Authentication:SigningKey"] = Convert.ToBase64String(new byte[32]) }).Issue("user-17", [Roles.Staff]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetMeAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_unauthorised()
    {
        var other = Issuer(settings: new(Settings) { ["Authentication:Audience"] = "someone-else" }).Issue("user-17", [Roles.Staff]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetMeAsync(other)).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_unauthorised()
    {
        var yesterday = new TestClock(DateTimeOffset.UtcNow.AddDays(-1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetMeAsync(Issuer(yesterday).Issue("user-17", [Roles.Staff], lifetime: TimeSpan.FromHours(1)))).StatusCode);
    }

    [Fact]
    public void A_service_without_token_settings_refuses_to_start_naming_what_is_missing()
    {
        var builder = WebApplication.CreateSlimBuilder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddServiceAuthentication());

        Assert.Equal("Token validation is not configured: set Authentication__Issuer, Authentication__Audience, Authentication__SigningKey.", error.Message);
    }

    [Fact]
    public void Staff_act_for_every_council_and_applicants_for_their_own()
    {
        var applicant = new Caller("a", new HashSet<string> { Roles.Applicant }, "ADU");
        var staff = new Caller("s", new HashSet<string> { Roles.Staff }, null);

        Assert.Equal((true, false, true), (applicant.ActsFor("adu"), applicant.ActsFor("ABE"), staff.ActsFor("ABE")));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private sealed record Me(string Subject, string[] Roles, string? CouncilCode);
}
