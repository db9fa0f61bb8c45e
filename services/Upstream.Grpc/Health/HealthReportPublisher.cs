using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Upstream.Grpc.Health;

/// <summary>
/// Receives the health checks' results each period (ASP.NET Core's publisher loop; HealthCheckPublisherOptions
/// sets how often) so watchers learn of a change even when nobody calls Check.
/// </summary>
internal sealed class HealthReportPublisher(HealthStatusBoard board) : IHealthCheckPublisher
{
    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        board.SetAll(ToServingStatus(report.Status));
        return Task.CompletedTask;
    }

    /// <summary>Degraded still serves, as /health still answers 200 for it.</summary>
    public static ServingStatus ToServingStatus(HealthStatus status) =>
        status == HealthStatus.Unhealthy ? ServingStatus.NotServing : ServingStatus.Serving;
}
