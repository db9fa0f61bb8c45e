using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Upstream.Noticeboard;

namespace Upstream.Integration.Tests.Infrastructure;

/// <summary>
/// The noticeboard service in-process, on Kestrel over real HTTP on a free loopback port, configured only through Aspire-style settings.
/// </summary>
public sealed class TestService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestService(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>The service's container, for what a test must reach inside (the outbox, fault switches).</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<TestService> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var app = NoticeboardApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestService(app, new Uri(address));
    }

    /// <summary>Stops as a host would on SIGTERM: drain, then flush telemetry.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Http.Dispose();
    }
}
