using System.Diagnostics;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace Upstream.EndToEnd.Tests;

/// <summary>The Aspire dashboard as an operator uses it: Debian's chromium, driven by Playwright.</summary>
public sealed partial class AppHostTests
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact, Step(6)]
    public async Task The_dashboard_shows_every_resource_running_and_one_trace_from_the_gateway_to_the_network()
    {
        // The cohort confirmation and the grant award of the steps before, each made in a trace of its own choosing.
        var cohortTrace = host.CohortTrace ?? throw new InvalidOperationException("The cohort step did not run.");
        var grantTrace = host.GrantTrace ?? throw new InvalidOperationException("The grant step did not run.");
        var publicationTrace = host.PublicationTrace ?? throw new InvalidOperationException("The programme journey step did not run.");
        var findingTrace = host.FindingTrace ?? throw new InvalidOperationException("The programme journey step did not run.");

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
        // RabbitMQ, the Network service consuming it into its own database and publishing MemberJoined, and Events
        // (inviting the new member to the events to come) and Grants taking the new member into their databases.
        await ExpectTraceAsync(page, login, cohortTrace, "cohort-trace.png",
            ["gateway", "applications-", "ConfirmCohort", "applicationsdb", "outbox relay", "network-", "networkdb", "MemberJoined", "events-", "eventsdb", "grants-", "grantsdb"]);

        // And the award: the gateway, Grants committing the award in its database, GrantAwarded leaving through the outbox.
        await ExpectTraceAsync(page, login, grantTrace, "grant-trace.png",
            ["gateway", "grants-", "AwardGrant", "grantsdb", "outbox relay", "GrantAwarded"]);

        // And the journey's second publication: the gateway, Insights committing it with the partner's delivery queued,
        // and the background sender continuing the same trace when it delivers to the partner's receiver.
        await ExpectTraceAsync(page, login, publicationTrace, "publication-trace.png",
            ["gateway", "insights-", "PublishPublication", "insightsdb", "webhook deliver"]);

        // And a discovery visit: the gateway, Network recording it with its findings, FindingRecorded relayed over
        // RabbitMQ, Insights storing the evidence with the partner's deliveries queued, and the sender delivering them.
        await ExpectTraceAsync(page, login, findingTrace, "finding-trace.png",
            ["gateway", "network-", "RecordVisit", "networkdb", "outbox relay", "FindingRecorded", "insights-", "insightsdb", "webhook deliver"]);
    }

    /// <summary>Opens one trace in the dashboard and waits until it shows every part (each process exports its spans in its own batches).</summary>
    private static async Task ExpectTraceAsync(IPage page, Uri login, ActivityTraceId traceId, string screenshot, string[] parts)
    {
        // The span grid renders only the rows in view: a page tall enough for every span of a long trace.
        await page.SetViewportSizeAsync(1600, 4000);
        await page.GotoAsync(new Uri(login, $"/traces/detail/{traceId}").ToString());
        var trace = await EventuallyAsync(page, () => page.InnerTextAsync("main"), text => parts.All(part => text.Contains(part, StringComparison.Ordinal)));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, screenshot), FullPage = true });
        var missing = parts.Where(part => !trace.Contains(part, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"The trace lacks {string.Join(", ", missing)}; the page read: {trace}");
    }

    /// <summary>
    /// Re-reads the page until it shows what is expected, or 60 s pass: the page renders its rows a moment after it
    /// loads, and telemetry arrives in batches, so it is read every second and reloaded every fifth.
    /// </summary>
    private static async Task<T> EventuallyAsync<T>(IPage page, Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (var attempt = 1; ; attempt++)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await page.WaitForTimeoutAsync(1000);
            if (attempt % 5 == 0)
            {
                await page.ReloadAsync();
            }
        }
    }
}
