using System.Net;
using Upstream.Hosting;
using Upstream.Hosting.Dashboard;
using Upstream.Hosting.Dashboard.Telemetry;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Dashboard.Tests;

/// <summary>An app host with no resources but its dashboard, on a free port with its own data folder.</summary>
internal sealed class DashboardUnderTest : IAsyncDisposable
{
    private readonly DistributedApplication _app;

    private DashboardUnderTest(DistributedApplication app, string data)
    {
        _app = app;
        DataDirectory = data;
        Otlp = new HttpClient { BaseAddress = Dashboard.OtlpEndpoint };
        Otlp.DefaultRequestHeaders.Add("x-otlp-api-key", Dashboard.ApiKey);
        Anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Dashboard.Url };
    }

    public string DataDirectory { get; }

    public AppHostDashboard Dashboard => _app.Dashboard!;

    public TelemetryStore Store => Dashboard.Store!;

    /// <summary>Sends OTLP with the right API key.</summary>
    public HttpClient Otlp { get; }

    /// <summary>A browser that has not signed in (and keeps no cookies).</summary>
    public HttpClient Anonymous { get; }

    public static async Task<DashboardUnderTest> StartAsync(string? dataDirectory = null, params string[] settings)
    {
        var data = dataDirectory ?? Path.Combine(Path.GetTempPath(), $"upstream-dashboard-{Guid.NewGuid():N}");
        var builder = DistributedApplicationBuilder.CreateBuilder(
            [$"--Upstream:DataDirectory={data}", $"--Upstream:Dashboard:Port={FreePort.Next()}", .. settings]);
        builder.AddDashboard();
        var app = builder.Build();
        await app.StartAsync();
        return new DashboardUnderTest(app, data);
    }

    /// <summary>A browser signed in with the printed token: it holds the dashboard's cookie from then on.</summary>
    public async Task<HttpClient> SignedInAsync()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Dashboard.Url };
        using var login = await client.GetAsync(Dashboard.LoginUrl);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Otlp.Dispose();
        Anonymous.Dispose();
        await _app.DisposeAsync();
    }
}
