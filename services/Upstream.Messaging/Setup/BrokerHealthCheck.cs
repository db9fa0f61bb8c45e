using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Upstream.Messaging.Setup;

/// <summary>
/// Ready only while the bus is connected and every receive endpoint is consuming. MassTransit's own check calls a
/// lost broker "Degraded", which /health would still answer with 200; a service that cannot consume or publish
/// is not ready, so anything short of healthy is reported unhealthy here.
/// </summary>
internal sealed class BrokerHealthCheck(IBusControl bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = bus.CheckHealth();
        return Task.FromResult(health.Status == BusHealthStatus.Healthy
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The message broker is not reachable ({health.Status}).", health.Exception));
    }
}
