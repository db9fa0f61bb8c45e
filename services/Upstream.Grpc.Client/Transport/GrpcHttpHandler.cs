using System.Diagnostics;
using System.Net;

namespace Upstream.Grpc.Client.Transport;

/// <summary>The one HTTP handler configuration gRPC calls go through.</summary>
public static class GrpcHttpHandler
{
    /// <summary>
    /// HTTP/2 over pooled connections. A connection carries at most the server's stream limit (100 on Kestrel), so
    /// more connections are opened rather than queueing calls behind long-lived streams. Keep-alive pings find
    /// dead connections before a call does. The W3C propagator is set explicitly so every call carries the
    /// caller's traceparent, whatever the process-wide default is.
    /// </summary>
    public static SocketsHttpHandler Create() => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        ActivityHeadersPropagator = DistributedContextPropagator.CreateDefaultPropagator(),
    };
}
