using System.Net;
using Microsoft.Playwright;
using Upstream.Hosting.Infrastructure;
using Upstream.Hosting.Processes;
using Upstream.Integration.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Upstream.Integration.Tests.Dashboard;

/// <summary>
/// The dashboard as an operator uses it, in Debian's headless chromium against the real app host: refused without
/// the token, in with it, every resource Running, and a request to a service followed from its log line to its
/// trace, through the waterfall, and from a span back to that span's logs.
/// </summary>
public sealed class DashboardBrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"upstream-dashboard-browser-{Guid.NewGuid():N}");

    [Fact]
    public async Task An_operator_signs_in_sees_everything_running_and_follows_a_request_from_log_to_trace_to_span_logs()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run apphost/prerequisites.sh test");
        var port = FreePort.Next();
        await using var host = AppHostProcess.Start(_data, $"--Upstream:Dashboard:Port={port}");
        await host.WaitUntilRunningAsync();
        var login = host.DashboardLoginUrl;
        Assert.Equal(port, login.Port);
        var dashboard = new Uri($"http://localhost:{port}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        SetDefaultExpectTimeout(60_000); // a project restart on a busy two-core machine takes more than Playwright's 5 s

        // Without the token: refused, with the login form.
        var refused = await page.GotoAsync(new Uri(dashboard, "/resources").ToString());
        Assert.Equal((int)HttpStatusCode.Unauthorized, refused!.Status);
        await Expect(page.Locator("form[action='/login']")).ToBeVisibleAsync();

        // With the printed link: in, and every resource Running.
        await page.GotoAsync(login.ToString());
        Assert.EndsWith("/resources", page.Url, StringComparison.Ordinal);
        foreach (var resource in new[] { "postgres", "messaging", "applicationsdb", "applications" })
        {
            await Expect(page.Locator($"tr[data-resource='{resource}'] td.state")).ToHaveTextAsync("Running");
        }

        // Stop and start a project from the page: it stops, comes back as a new process, and turns healthy again.
        var applications = page.Locator("tr[data-resource='applications']");
        var pid = await applications.Locator("td.pid").InnerTextAsync();
        await applications.Locator("button[value='stop']").ClickAsync();
        await Expect(applications.Locator("td.state")).ToHaveTextAsync("Finished");
        await applications.Locator("button[value='start']").ClickAsync();
        await Expect(applications.Locator("td.health")).ToHaveTextAsync("Healthy");
        await Expect(applications.Locator("td.state")).ToHaveTextAsync("Running");
        Assert.NotEqual(pid, await applications.Locator("td.pid").InnerTextAsync());

        // A real request through the applications service, marked so its log line can be found.
        var marker = $"dashboard-{Guid.NewGuid():N}";
        int status;
        using (var http = new HttpClient())
        {
            using var answer = await http.GetAsync($"http://127.0.0.1:{host.PortOf("applications")}/calls/{marker}");
            status = (int)answer.StatusCode; // whatever the service answers, the span must record the same
        }

        // Its log line (the list refreshes itself while the service exports), and from there its trace.
        await page.GotoAsync(new Uri(dashboard, $"/logs?resource=applications&text={marker}").ToString());
        var traceLink = page.Locator("#logs tr.log a.trace-link").First;
        await Expect(traceLink).ToBeVisibleAsync();
        await traceLink.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Trace applications");
        var span = page.Locator("#waterfall tr.span").First;
        await Expect(span).ToContainTextAsync("applications");

        // The span's details (its attributes), then its logs.
        await span.Locator("summary").ClickAsync();
        await Expect(span.Locator("dl")).ToContainTextAsync($"http.response.status_code{status}");
        var spanId = await span.GetAttributeAsync("data-span-id");
        await span.Locator("a.span-logs").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Structured logs");
        Assert.Contains($"spanId={spanId}", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#logs tr.log").Filter(new() { HasText = $"Request starting HTTP/1.1 GET http://127.0.0.1:{host.PortOf("applications")}/calls/{marker}" })).ToHaveCountAsync(1);

        host.Signal(Signal.Terminate);
        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(90)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            try
            {
                Directory.Delete(_data, recursive: true);
            }
            catch (IOException)
            {
                // A server's file still closing; the temp folder is cleaned by the OS eventually.
            }
        }
    }
}
