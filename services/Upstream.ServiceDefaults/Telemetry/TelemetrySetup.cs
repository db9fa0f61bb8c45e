using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Upstream.ServiceDefaults.Health;

namespace Upstream.ServiceDefaults.Telemetry;

internal static class TelemetrySetup
{
    /// <summary>The ActivitySources and Meters .NET, Npgsql and MassTransit emit themselves, plus ours ("Upstream.*").</summary>
    public static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "MassTransit", "Upstream.*"];

    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "System.Net.Http", "System.Runtime", "Npgsql", "MassTransit", "Upstream.*",
    ];

    public static void AddTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var settings = OtlpSettings.From(builder.Configuration, builder.Environment.ApplicationName);
        var resource = ResourceBuilder.CreateEmpty()
            .AddService(settings.ServiceName, serviceInstanceId: settings.ResourceAttributes.TryGetValue("service.instance.id", out var id) ? id.ToString() : null)
            .AddAttributes(settings.ResourceAttributes);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.SetResourceBuilder(resource);
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            if (settings.Endpoint is not null)
            {
                logging.AddOtlpExporter(options => settings.Apply(options, "v1/logs"));
            }
        });

        if (settings.Endpoint is null)
        {
            return; // Nothing to export to; logs still go to the console.
        }

        // Built here rather than through the (unavailable) hosting package; TelemetryLifetime flushes them at shutdown.
        var tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Sources)
            .AddOtlpExporter(options => settings.Apply(options, "v1/traces"))
            .Build();
        var meter = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddOtlpExporter((options, reader) =>
            {
                settings.Apply(options, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = settings.MetricIntervalMilliseconds;
            })
            .Build();

        // Registered first among hosted services, so it stops last and flushes what the others emitted while stopping.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(new TelemetryLifetime(tracer, meter)));
    }

    /// <summary>
    /// ASP.NET Core in .NET 10 leaves http.route and the status code off its spans unless the instrumentation
    /// package is present; set them. Health probes are dropped from traces: they would drown real requests.
    /// </summary>
    public static void UseTelemetryConventions(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Features.Get<IHttpActivityFeature>()?.Activity is not { } activity)
            {
                return;
            }

            if (HealthEndpoints.Paths.Contains(context.Request.Path.Value))
            {
                activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                return;
            }

            if (activity.GetTagItem("http.route") is null && context.GetEndpoint() is RouteEndpoint endpoint)
            {
                activity.SetTag("http.route", endpoint.RoutePattern.RawText);
            }

            activity.SetTag("http.response.status_code", context.Response.StatusCode);
        });
}
