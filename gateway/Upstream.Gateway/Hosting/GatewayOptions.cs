namespace Upstream.Gateway;

/// <summary>The gateway's limits, from the "Gateway" configuration section (Gateway__RestTimeout=00:00:10, ...).</summary>
public sealed class GatewayOptions
{
    /// <summary>How often every replica's /health is asked.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The path probed on every replica; empty to rely only on failed connections (a backend without one).</summary>
    public string ProbePath { get; set; } = "/health";

    /// <summary>A REST call's deadline: sent to the service as grpc-timeout, a 504 when it passes.</summary>
    public TimeSpan RestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a passed-through gRPC call may run; a client's shorter grpc-timeout is kept.</summary>
    public TimeSpan GrpcMaxTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The largest REST request body; larger ones get 413 before the body is read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Front-end origins allowed to call the REST API from a browser.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>Requests per client (token subject, else IP address) in each RateLimitWindow.</summary>
    public int RateLimitPermits { get; set; } = 600;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);
}
