using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace Upstream.Gateway.Health;

/// <summary>
/// The gateway's /health names every cluster with its healthy replicas out of all (YARP's active and passive
/// checks decide which), and is unhealthy while a cluster has none: operators see which service is cut off.
/// </summary>
internal sealed class ClustersHealthCheck(IProxyStateLookup proxy) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var clusters = proxy.GetClusters()
            .Select(c => (Id: c.ClusterId, Available: c.DestinationsState.AvailableDestinations.Count, All: c.Destinations.Count))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        var counts = string.Join(", ", clusters.Select(c => $"{c.Id}: {c.Available}/{c.All}"));
        var cutOff = clusters.Where(c => c.Available == 0).Select(c => c.Id).ToList();
        return Task.FromResult(cutOff.Count == 0
            ? HealthCheckResult.Healthy(counts)
            : HealthCheckResult.Unhealthy($"unreachable: {string.Join(", ", cutOff)}; {counts}"));
    }
}
