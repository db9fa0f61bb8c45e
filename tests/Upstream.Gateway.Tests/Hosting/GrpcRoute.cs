namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// Configuration for a gRPC service outside our contracts (the interop TestService), the way the gateway's own
/// appsettings.json declares ours: a route by service path to a cluster whose destination is the service's
/// <c>grpc</c> endpoint through service discovery, over HTTP/2 only.
/// </summary>
public static class GrpcRoute
{
    public static IEnumerable<KeyValuePair<string, string?>> To(string service, string cluster, TimeSpan? probeInterval = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"ReverseProxy:Routes:{cluster}:ClusterId"] = cluster,
            [$"ReverseProxy:Routes:{cluster}:AuthorizationPolicy"] = "public",
            [$"ReverseProxy:Routes:{cluster}:Match:Path"] = $"/{service}/{{method}}",
            [$"ReverseProxy:Clusters:{cluster}:LoadBalancingPolicy"] = "RoundRobin",
            [$"ReverseProxy:Clusters:{cluster}:HttpRequest:Version"] = "2",
            [$"ReverseProxy:Clusters:{cluster}:HttpRequest:VersionPolicy"] = "RequestVersionExact",
            [$"ReverseProxy:Clusters:{cluster}:Destinations:{cluster}:Address"] = $"http://_grpc.{cluster}",
        };
        if (probeInterval is { } interval)
        {
            settings[$"ReverseProxy:Clusters:{cluster}:HealthCheck:AvailableDestinationsPolicy"] = "HealthyAndUnknown";
            settings[$"ReverseProxy:Clusters:{cluster}:HealthCheck:Active:Enabled"] = "true";
            settings[$"ReverseProxy:Clusters:{cluster}:HealthCheck:Active:Interval"] = interval.ToString();
            settings[$"ReverseProxy:Clusters:{cluster}:HealthCheck:Active:Timeout"] = "00:00:01";
            settings[$"ReverseProxy:Clusters:{cluster}:HealthCheck:Active:Policy"] = "ConsecutiveFailures";
            settings[$"ReverseProxy:Clusters:{cluster}:HealthCheck:Active:Path"] = "/health";
        }

        return settings;
    }
}
