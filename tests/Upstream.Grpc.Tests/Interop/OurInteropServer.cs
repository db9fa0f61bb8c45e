using Microsoft.AspNetCore.Builder;
using Upstream.Grpc.InteropServer;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Grpc.Tests.Interop;

/// <summary>Our interop server (grpc.testing.TestService on our Kestrel server), hosted in the test process.</summary>
public sealed class OurInteropServer : IAsyncLifetime
{
    private WebApplication? app;

    public int Port { get; private set; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public async Task InitializeAsync() =>
        (app, Port) = await FreePort.StartAsync(async port =>
        {
            var host = InteropServerHost.Build([], port);
            try
            {
                await host.StartAsync();
            }
            catch (IOException e)
            {
                await host.DisposeAsync();
                throw new InvalidOperationException($"Port {port} is taken.", e);
            }

            return (host, port);
        });

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
