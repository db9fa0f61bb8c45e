using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Upstream.Grpc.Internal;

namespace Upstream.Grpc.Security;

/// <summary>
/// ASP.NET Core authorization decides; this only changes how a refusal reads on gRPC routes: UNAUTHENTICATED or
/// PERMISSION_DENIED as a gRPC status (HTTP 200, Trailers-Only) instead of HTTP 401/403, which gRPC clients would
/// otherwise turn into a vaguer status. Other routes keep ASP.NET Core's own behaviour.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is null)
        {
            return fallback.HandleAsync(next, context, policy, authorizeResult);
        }

        var status = authorizeResult.Challenged
            ? new Status(StatusCode.Unauthenticated, "A valid bearer token is required.")
            : new Status(StatusCode.PermissionDenied, "The caller is not allowed to call this method.");
        TrailersOnly.Write(context.Response, status);
        return Task.CompletedTask;
    }
}
