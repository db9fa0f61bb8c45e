using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upstream.Grpc.Internal;
using Upstream.Grpc.Security;
using Upstream.Grpc.Telemetry;

namespace Upstream.Grpc;

/// <summary>Hosting gRPC services: <c>services.AddGrpcServer()</c>, then <c>app.MapGrpcService&lt;T&gt;()</c> per service.</summary>
public static class GrpcServerExtensions
{
    /// <summary>
    /// Registers the gRPC server. Kestrel's endpoints default to HTTP/1.1 and HTTP/2 on one port: gRPC calls arrive as
    /// HTTP/2 (with prior knowledge on plaintext, detected per connection; by ALPN over TLS) while /health and /alive
    /// still answer HTTP/1.1. Configuration (<c>Kestrel:EndpointDefaults:Protocols</c>) overrides the protocols; an
    /// application's own <c>ConfigureEndpointDefaults</c> replaces this one (Kestrel keeps only the last).
    /// </summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddRouting();
        services.AddMetrics();
        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<CallTelemetry>();
        services.TryAddSingleton(provider => new CallPipeline(provider, provider.GetRequiredService<IOptions<GrpcServerOptions>>().Value));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, GrpcRouteShortcut>());
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            // The request's own :scheme ("http") stands, though the prior-knowledge connection is flagged as negotiated.
            kestrel.AllowAlternateSchemes = true;
            kestrel.ConfigureEndpointDefaults(listen => listen.UseHttp1AndHttp2());
        });
        StandardServices.Add(services);
        return services;
    }

    /// <summary>
    /// Maps every method of <typeparamref name="TService"/> (a class derived from a generated <c>XxxBase</c>) to its
    /// own route, plus, once per application, the UNIMPLEMENTED answer for unknown services and methods and the
    /// standard health and reflection services. The result
    /// applies conventions such as <c>RequireAuthorization()</c> to all the service's methods.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var registry = services.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddGrpcServer() before mapping gRPC services.");
        var binder = new EndpointBinder<TService>(
            endpoints,
            registry,
            services.GetRequiredService<CallPipeline>(),
            services.GetRequiredService<CallTelemetry>(),
            services.GetRequiredService<IOptions<GrpcServerOptions>>().Value,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Upstream.Grpc.Server"));
        FindBindMethod(typeof(TService)).MakeGenericMethod(typeof(TService)).Invoke(null, [binder]);
        if (registry.TryClaimUnimplementedRoute())
        {
            UnimplementedEndpoint.Map(endpoints, registry);
            StandardServices.Map(endpoints);
        }

        return new ServiceConventionBuilder(binder.Builders);
    }

    /// <summary>
    /// HTTP/1.1 and HTTP/2 on one endpoint, plaintext included (HTTP/2 by prior knowledge, as gRPC clients speak it).
    /// <c>AddGrpcServer</c> makes this the default for endpoints configured after it (URLs, configuration); call it
    /// on a <c>Listen</c> made in code before <c>AddGrpcServer</c> ran.
    /// </summary>
    public static ListenOptions UseHttp1AndHttp2(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        // Kestrel's default already; setting it anyway would make Kestrel log that plaintext HTTP/2 is disabled.
        if (listen.Protocols != HttpProtocols.Http1AndHttp2)
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
        }

        var prefaceTimeout = listen.KestrelServerOptions.Limits.KeepAliveTimeout;
        listen.Use(next => new PriorKnowledgeHttp2(next, prefaceTimeout).OnConnectionAsync);
        return listen;
    }

    /// <summary>The ASP.NET Core request behind a call (for features gRPC does not surface itself).</summary>
    public static HttpContext GetHttpContext(this ServerCallContext context) =>
        context is HttpServerCallContext http
            ? http.HttpContext
            : throw new InvalidOperationException("This call context is not from the Kestrel gRPC server.");

    private static MethodInfo FindBindMethod(Type serviceType)
    {
        var attribute = serviceType.GetCustomAttribute<BindServiceMethodAttribute>(inherit: true)
            ?? throw new InvalidOperationException(
                $"{serviceType.Name} does not derive from a generated gRPC service base class (one marked [BindServiceMethod]).");
        return attribute.BindType.GetMethod(attribute.BindMethodName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{attribute.BindType.Name}.{attribute.BindMethodName} was not found.");
    }

    /// <summary>Applies a convention to every method route of one service.</summary>
    private sealed class ServiceConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
