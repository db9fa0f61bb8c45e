namespace Upstream.Gateway.Hosting;

/// <summary>The edge's own limits, from the "Gateway" configuration section (Gateway__RateLimitPermits=100, ...).</summary>
public sealed class GatewayOptions
{
    /// <summary>The largest REST request body; larger ones get 413 before the body is read. gRPC streams are not capped.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Front-end origins allowed to call the REST API from a browser.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>Requests per client (token subject, else IP address) in each RateLimitWindow.</summary>
    public int RateLimitPermits { get; set; } = 600;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);
}
