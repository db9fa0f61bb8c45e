using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Upstream.Gateway.Hosting;

namespace Upstream.Gateway.Edge;

/// <summary>
/// A fixed window of requests per client: the token's subject when there is one (so a council's staff behind
/// one NAT do not share a budget), else the remote address. Over it: 429 with Retry-After, or for gRPC
/// RESOURCE_EXHAUSTED, which gRPC clients understand.
/// </summary>
public static class RateLimiting
{
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services, GatewayOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RateLimitPermits,
                    Window = options.RateLimitWindow,
                    QueueLimit = 0,
                }));
            limiter.OnRejected = RejectAsync;
        });

    private static string ClientKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst("sub")?.Value is { } subject
            ? "sub:" + subject
            : "ip:" + context.Connection.RemoteIpAddress;

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (GrpcStatusReply.IsGrpc(context.Request))
        {
            await GrpcStatusReply.WriteAsync(context, GrpcStatusReply.ResourceExhausted, $"Too many requests; retry after {seconds} s.");
            return;
        }

        await ProblemReply.WriteAsync(context, StatusCodes.Status429TooManyRequests, $"Too many requests from this client; retry after {seconds} s.", "RESOURCE_EXHAUSTED");
    }
}
