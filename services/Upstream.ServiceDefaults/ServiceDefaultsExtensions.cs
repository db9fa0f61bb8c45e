using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Upstream.ServiceDefaults.Configuration;
using Upstream.ServiceDefaults.Health;
using Upstream.ServiceDefaults.Telemetry;

namespace Upstream.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Telemetry over OTLP (when OTEL_EXPORTER_OTLP_ENDPOINT is set), health checks, service discovery (services__NAME__ENDPOINT__N,
    /// as Aspire injects them), the standard resilience pipeline on every HttpClient, and graceful shutdown.
    /// Services read only Aspire's environment conventions, so they run unchanged under any host.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddTelemetry();
        builder.AddNamedEndpoints();
        builder.Services.AddHealthChecks().AddCheck(HealthEndpoints.SelfCheckName, () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), [HealthEndpoints.LiveTag]);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        // Kestrel stops accepting, then lets in-flight requests finish within this window.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    /// <summary>Maps /health (ready: every dependency reachable) and /alive (the process answers).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        return app;
    }
}
