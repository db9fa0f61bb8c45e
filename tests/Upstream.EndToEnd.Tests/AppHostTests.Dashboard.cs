using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace Upstream.EndToEnd.Tests;

/// <summary>The Aspire dashboard as an operator uses it: Debian's chromium, driven by Playwright.</summary>
public sealed partial class AppHostTests
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact, Step(4)]
    public async Task The_dashboard_shows_every_resource_running_and_one_trace_from_the_gateway_to_the_network()
    {
        // The cohort confirmation of the step before, made in a trace of its own choosing.
        var traceId = host.CohortTrace ?? throw new InvalidOperationException("The cohort step did not run.");

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

        // One trace: the gateway, Applications confirming in its database, the outbox relaying ApplicationSelected over
        // RabbitMQ, and the Network service consuming it into its own database and publishing MemberJoined.
        await page.GotoAsync(new Uri(login, $"/traces/detail/{traceId}").ToString());
        // Each process exports its spans in its own batches: wait until every part has arrived, not just the first.
        string[] parts = ["gateway", "applications-", "ConfirmCohort", "applicationsdb", "outbox relay", "network-", "networkdb", "MemberJoined"];
        var trace = await EventuallyAsync(page, () => page.InnerTextAsync("main"), text => parts.All(part => text.Contains(part, StringComparison.Ordinal)));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "trace.png"), FullPage = true });
        var missing = parts.Where(part => !trace.Contains(part, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"The trace lacks {string.Join(", ", missing)}; the page read: {trace}");
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
