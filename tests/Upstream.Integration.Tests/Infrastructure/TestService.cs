using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Upstream.Integration.Tests.Data;
using Upstream.ServiceDefaults;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Integration.Tests.Infrastructure;

/// <summary>
/// A service built exactly as real ones are (AddServiceDefaults, AddServiceDatabase, MapDefaultEndpoints), on
/// Kestrel over real HTTP on a free loopback port, configured only through Aspire-style settings.
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

    public static async Task<TestService> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<Noticeboard>("notices");

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/notices", async (Noticeboard db) => await db.Notices.Select(n => n.Title).ToListAsync());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestService(app, new Uri(address));
    }

    /// <summary>Stops as a host would on SIGTERM: drain, then flush telemetry.</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
