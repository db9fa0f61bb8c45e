using System.Net;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Upstream.Applications.V1;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Grpc.Tests.StandardServices;

/// <summary>
/// Our server on Kestrel (HTTP/2 on a free loopback port) with two ordinary services mapped the way services map
/// theirs, the standard ones coming with them, /health beside them, and one health check the test can fail.
/// </summary>
internal sealed class StandardServicesHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private StandardServicesHost(WebApplication app, int port, SwitchableCheck check)
    {
        this.app = app;
        Port = port;
        Check = check;
    }

    public int Port { get; }

    public SwitchableCheck Check { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public static Task<StandardServicesHost> StartAsync() => FreePort.StartAsync(async port =>
    {
        var check = new SwitchableCheck();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcServer();
        builder.Services.AddHealthChecks().AddCheck("switchable", check);
        // Fast enough that a test sees a watcher told within a second or two.
        builder.Services.Configure<HealthCheckPublisherOptions>(o => (o.Delay, o.Period) = (TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        var app = builder.Build();
        app.MapGrpcService<UnimplementedTestService>();
        app.MapGrpcService<UnimplementedCallService>();
        app.MapHealthChecks("/health");
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"Port {port} is taken.", e);
        }

        return new StandardServicesHost(app, port, check);
    });

    /// <summary>Stops the server as a host does on SIGTERM: the application stops, then Kestrel.</summary>
    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    /// <summary>A dependency the test can take down and bring back.</summary>
    internal sealed class SwitchableCheck : IHealthCheck
    {
        private volatile bool healthy = true;

        public bool Healthy
        {
            get => healthy;
            set => healthy = value;
        }

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("switched off by the test"));
    }

    // Only their descriptors matter here: what reflection lists and health reports.
    private sealed class UnimplementedTestService : TestService.TestServiceBase;

    private sealed class UnimplementedCallService : CallService.CallServiceBase;
}
