using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>A backend process stand-in: a Kestrel app on a free loopback port speaking HTTP/2 with prior knowledge, as services do.</summary>
public sealed class Http2Backend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Http2Backend(WebApplication app, int port)
    {
        _app = app;
        Address = $"http://127.0.0.1:{port}";
    }

    public string Address { get; }

    public static Task<Http2Backend> StartAsync(Action<WebApplicationBuilder> configure, Action<WebApplication> map) => FreePort.StartAsync(async port =>
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, l => l.Protocols = HttpProtocols.Http2));
        configure(builder);
        var app = builder.Build();
        map(app);
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException("port taken", e);
        }

        return new Http2Backend(app, port);
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
