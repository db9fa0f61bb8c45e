using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Upstream.ServiceDefaults.Health;

namespace Upstream.ServiceDefaults.Telemetry;

internal static class TelemetrySetup
{
    /// <summary>ActivitySources and Meters emitted by libraries without an instrumentation package: MassTransit's, and ours.</summary>
    private static readonly string[] Sources = ["MassTransit", "Upstream.*"];

    /// <summary>
    /// The most attribute sets one metric keeps (the SDK's default is 2,000). Each metric stream allocates its points
    /// for the whole limit up front: with the default, the process's ~90 streams held about 15 MB of the managed
    /// heap at rest (measured in a dump of an idle Insights replica), almost all of it empty. Our widest stream, a
    /// service's request duration by route (its gRPC methods and their REST routes, some sixty at most), status and
    /// protocol, stays under this; beyond it the SDK folds the rest into one overflow point (otel.metric.overflow).
    /// </summary>
    private const int CardinalityLimit = 500;

    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry, exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set
    /// (the app host sets it, and the service name and resource attributes with it). Personal data stays out:
    /// query strings are redacted by the instrumentations, SQL is recorded without parameter values, and
    /// health probes are not traced at all.
    /// </summary>
    public static void AddTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(Sources)
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = CardinalityLimit }))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(Sources)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsHealthProbe(context))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = request => !HealthEndpoints.Paths.Contains(request.RequestUri?.AbsolutePath))
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }

    private static bool IsHealthProbe(HttpContext context) => HealthEndpoints.Paths.Contains(context.Request.Path.Value);
}
