using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Upstream.Grpc.Internal;

/// <summary>
/// Picks a gRPC call's endpoint by its exact path at the front of the pipeline, so routing, seeing an endpoint
/// chosen, skips matching. Each method is a literal POST route, so routing would choose the same endpoint; looking
/// the path up in a frozen table spares every call the general matcher's work (a few hundred nanoseconds of a call
/// that costs a few microseconds in all). Everything after routing (authentication, authorization, CORS, the
/// endpoint's own conventions) runs as before. Routes it cannot vouch for are left to routing: a path mapped
/// twice, and routes with host constraints.
/// </summary>
internal sealed class GrpcRouteShortcut : IStartupFilter
{
    private readonly EndpointDataSource endpoints;
    private volatile FrozenDictionary<string, Endpoint>? byPath;

    public GrpcRouteShortcut(EndpointDataSource endpoints)
    {
        this.endpoints = endpoints;
        ChangeToken.OnChange(endpoints.GetChangeToken, () => byPath = null);
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(rest => httpContext =>
        {
            Select(httpContext);
            return rest(httpContext);
        });
        next(app);
    };

    private void Select(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (HttpMethods.IsPost(request.Method)
            && request.Path.Value is { } path
            && (byPath ?? Build()).TryGetValue(path, out var endpoint)
            && httpContext.GetEndpoint() is null)
        {
            httpContext.SetEndpoint(endpoint);
        }
    }

    private FrozenDictionary<string, Endpoint> Build()
    {
        // Routing matches paths ignoring case, so a path mapped twice in any case is routing's to decide.
        var table = endpoints.Endpoints.OfType<RouteEndpoint>()
            .GroupBy(route => route.RoutePattern.RawText ?? "", StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() == 1)
            .Select(group => group.Single())
            .Where(route => route.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc
                && route.RoutePattern.RawText == grpc.Method.FullName
                && route.Metadata.GetMetadata<IHostMetadata>() is not { Hosts.Count: > 0 })
            .ToFrozenDictionary(route => route.RoutePattern.RawText!, route => (Endpoint)route, StringComparer.Ordinal);
        byPath = table;
        return table;
    }
}
