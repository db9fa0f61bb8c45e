using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Upstream.ServiceDefaults.Telemetry;

/// <summary>Disposing the providers flushes what is still buffered, so the last spans of a stopping service arrive.</summary>
internal sealed class TelemetryLifetime(TracerProvider tracer, MeterProvider meter) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        tracer.Dispose();
        meter.Dispose();
        return Task.CompletedTask;
    }
}
