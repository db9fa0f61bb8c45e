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
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Grpc.Tests.StandardServices;

/// <summary>
/// A server wired as every service is (AddGrpcApi: reflection and grpc.health.v1 from the health checks) on a free
/// loopback HTTP/2 port, two ordinary services mapped beside them, /health, and one health check the test can fail.
/// </summary>
internal sealed class StandardServicesHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandardServicesHost(WebApplication app, int port, SwitchableCheck check)
    {
        _app = app;
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
        builder.AddGrpcApi();
        builder.Services.AddHealthChecks().AddCheck("switchable", check);
        // Fast enough that a test sees a watcher told within a second or two.
        builder.Services.Configure<HealthCheckPublisherOptions>(o => (o.Delay, o.Period) = (TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        var app = builder.Build();
        app.MapGrpcService<UnimplementedTestService>();
        app.MapGrpcService<UnimplementedCallService>();
        app.MapGrpcApi();
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
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

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
