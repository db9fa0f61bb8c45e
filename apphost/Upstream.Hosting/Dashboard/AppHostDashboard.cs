using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Upstream.Hosting.Dashboard.Otlp;
using Upstream.Hosting.Dashboard.Telemetry;
using Upstream.Hosting.Dashboard.Web;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Hosting.Dashboard;

/// <summary>
/// The operators' dashboard, served by Kestrel inside the app host on loopback: the OTLP/HTTP receiver every
/// project exports to, and the pages that show resources, console output, logs, traces and metrics. A new login
/// token and OTLP API key are made at every start, so only whoever reads this app host's console gets in.
/// </summary>
public sealed class AppHostDashboard(DashboardOptions options, string dataDirectory) : IAsyncDisposable
{
    private readonly TaskCompletionSource<Uri> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _web;

    public string Token { get; } = Secret.Generate(32);

    public string ApiKey { get; } = Secret.Generate(32);

    public TelemetryStore? Store { get; private set; }

    /// <summary>Where the dashboard listens, once started.</summary>
    public Uri? Url { get; private set; }

    /// <summary>The address to open: signs the browser in with the token.</summary>
    public Uri? LoginUrl => Url is null ? null : new Uri(Url, "/login?t=" + Token);

    /// <summary>Completes with <see cref="LoginUrl"/> when the dashboard is listening.</summary>
    public Task<Uri> Started => _started.Task;

    /// <summary>Why the dashboard is not where it was asked to be, if it is not.</summary>
    public string? Notice { get; private set; }

    internal async Task StartAsync(DistributedApplication app)
    {
        var store = Store = new TelemetryStore(dataDirectory, options.Limits);
        try
        {
            _web = await ListenAsync(options.Port, app, store).ConfigureAwait(false);
            Url = new Uri($"http://localhost:{options.Port}");
        }
        catch (IOException)
        {
            var port = FreePort.Next();
            _web = await ListenAsync(port, app, store).ConfigureAwait(false);
            Url = new Uri($"http://localhost:{port}");
            Notice = $"port {options.Port} is in use (another app host?), so the dashboard is on {port}; pass --Upstream:Dashboard:Port=N to choose";
        }

        _started.TrySetResult(LoginUrl!);
    }

    /// <summary>Where projects send OTLP: loopback by address, so no name lookup stands between them and the receiver.</summary>
    internal Uri OtlpEndpoint => new($"http://127.0.0.1:{Url!.Port}");

    private async Task<WebApplication> ListenAsync(int port, DistributedApplication app, TelemetryStore store)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Upstream.Dashboard", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders(); // the app host's console is the operator's; Kestrel's chatter stays out of it
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port));
        var web = builder.Build();
        new DashboardLogin(Token).Use(web);
        web.MapOtlp(store, ApiKey);
        web.MapResourcePages(app, store);
        web.MapLogPages(store);
        web.MapTracePages(store);
        web.MapMetricPages(store);
        try
        {
            await web.StartAsync().ConfigureAwait(false);
            return web;
        }
        catch
        {
            await web.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.StopAsync().ConfigureAwait(false);
            await _web.DisposeAsync().ConfigureAwait(false);
            _web = null;
        }

        Store?.Dispose();
    }
}
