using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Upstream.Grpc.Protocol;

namespace Upstream.Grpc.Internal;

/// <summary>
/// Answers gRPC calls to services or methods this server does not have with UNIMPLEMENTED (HTTP 200), as the
/// protocol requires. It matches only requests with a gRPC content type, so other routes still get their 404.
/// </summary>
internal static class UnimplementedEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints, GrpcServiceRegistry registry)
    {
        var pattern = RoutePatternFactory.Parse(
            "/{grpcService}/{grpcMethod}",
            defaults: null,
            parameterPolicies: new { grpcMethod = new GrpcContentTypeConstraint() });
        endpoints.Map(pattern, httpContext => HandleAsync(httpContext, registry))
            .WithMetadata(new HttpMethodMetadata(["POST"]))
            .WithDisplayName("gRPC - unimplemented");
    }

    private static Task HandleAsync(HttpContext httpContext, GrpcServiceRegistry registry)
    {
        if (CallEndpoint.Reject(httpContext, path: null))
        {
            return Task.CompletedTask;
        }

        var service = httpContext.Request.RouteValues["grpcService"]?.ToString() ?? "";
        var detail = registry.IsServiceMapped(service)
            ? $"Method '{httpContext.Request.Path.Value}' is not implemented by this server."
            : $"Service '{service}' is not implemented by this server.";
        httpContext.Response.Headers.GrpcAcceptEncoding = GrpcCompression.AcceptEncodingValue;
        TrailersOnly.Write(httpContext.Response, new Status(StatusCode.Unimplemented, detail));
        return Task.CompletedTask;
    }

    private sealed class GrpcContentTypeConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            httpContext is not null && GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType);
    }
}
