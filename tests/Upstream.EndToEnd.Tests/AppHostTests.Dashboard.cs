using System.Diagnostics;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace Upstream.EndToEnd.Tests;

/// <summary>The Aspire dashboard as an operator uses it: Debian's chromium, driven by Playwright.</summary>
public sealed partial class AppHostTests
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact, Step(3)]
    public async Task The_dashboard_shows_every_resource_running_and_the_trace_of_a_gateway_call()
    {
        // A call through the gateway in a trace of our own choosing, so the dashboard can be asked for exactly it.
        var traceId = ActivityTraceId.CreateRandom();
        using var gateway = host.App.CreateHttpClient("gateway", "http");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/calls", UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        (await gateway.SendAsync(request)).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        Directory.CreateDirectory(Screenshots);

        // The login link (with its token) that run.sh prints; the dashboard swaps it for a cookie and shows the resources.
        var login = (await host.App.GetDashboardUrlAsync())!;
        await page.GotoAsync(login.ToString());
        var names = (await host.InstancesAsync()).Select(i => i.DisplayName).ToList();
        var rows = await EventuallyAsync(page, async () =>
        {
            var lines = (await page.InnerTextAsync("main")).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return names.Select(name => (name, state: lines.SkipWhile(l => l != name).Skip(1).FirstOrDefault())).ToList();
        }, rows => rows.All(r => r.state == "Running"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "resources.png") });
        Assert.All(rows, row => Assert.Equal((row.name, "Running"), row));

        // The call's trace: the gateway, the service behind it, and its PostgreSQL database.
        await page.GotoAsync(new Uri(login, $"/traces/detail/{traceId}").ToString());
        // Each process exports its spans in its own batches: wait until every part has arrived, not just the first.
        string[] parts = ["gateway", "applications-", "GET /v1/calls", "applicationsdb"];
        var trace = await EventuallyAsync(page, () => page.InnerTextAsync("main"), text => parts.All(part => text.Contains(part, StringComparison.Ordinal)));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "trace.png"), FullPage = true });
        Assert.Contains("gateway", trace, StringComparison.Ordinal);
        Assert.Contains("applications-", trace, StringComparison.Ordinal);
        Assert.Contains("GET /v1/calls", trace, StringComparison.Ordinal);
        Assert.Contains("applicationsdb", trace, StringComparison.Ordinal);
    }

    /// <summary>Re-reads the page until it shows what is expected (telemetry arrives in batches), or 60 s pass.</summary>
    private static async Task<T> EventuallyAsync<T>(IPage page, Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await page.WaitForTimeoutAsync(1000);
            await page.ReloadAsync();
        }
    }
}
