using System.Net;

namespace Upstream.Dashboard.Tests;

/// <summary>Only whoever holds the printed token reads the dashboard.</summary>
public sealed class LoginTests : IAsyncLifetime
{
    private DashboardUnderTest _dashboard = null!;

    public async Task InitializeAsync() => _dashboard = await DashboardUnderTest.StartAsync();

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    [Theory]
    [InlineData("/resources")]
    [InlineData("/traces")]
    [InlineData("/logs?traceId=0102")]
    [InlineData("/console/applications")]
    public async Task Without_the_token_every_page_answers_401_with_the_login_form(string page)
    {
        using var response = await _dashboard.Anonymous.GetAsync(page);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/login\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_says_so()
    {
        using var response = await _dashboard.Anonymous.GetAsync("/login?t=guess");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("That token is not this app host's.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_printed_link_signs_in_once_and_the_cookie_keeps_the_browser_signed_in()
    {
        using var browser = await _dashboard.SignedInAsync();

        using var resources = await browser.GetAsync("/resources");
        using var traces = await browser.GetAsync("/traces");

        Assert.Equal(HttpStatusCode.OK, resources.StatusCode);
        Assert.Equal(HttpStatusCode.OK, traces.StatusCode);
        Assert.Contains("<h1>Traces</h1>", await traces.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pasting_the_token_into_the_form_signs_in_with_an_httponly_strict_cookie()
    {
        using var response = await _dashboard.Anonymous.PostAsync("/login", new FormUrlEncodedContent([new("token", _dashboard.Dashboard.Token)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_dashboard.Dashboard.Token, cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_start_makes_a_new_token_so_an_old_link_stops_working()
    {
        await using var other = await DashboardUnderTest.StartAsync();

        using var response = await other.Anonymous.GetAsync("/login?t=" + _dashboard.Dashboard.Token);

        Assert.NotEqual(_dashboard.Dashboard.Token, other.Dashboard.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task When_the_chosen_port_is_taken_the_dashboard_moves_and_says_why()
    {
        await using var second = await DashboardUnderTest.StartAsync(null, $"--Upstream:Dashboard:Port={_dashboard.Dashboard.Url!.Port}");

        Assert.NotEqual(_dashboard.Dashboard.Url.Port, second.Dashboard.Url!.Port);
        Assert.Contains($"port {_dashboard.Dashboard.Url.Port} is in use", second.Dashboard.Notice, StringComparison.Ordinal);
        using var browser = await second.SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/resources")).StatusCode);
    }
}
