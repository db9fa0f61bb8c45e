using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Upstream.Grpc.Client.Balancing;
using Upstream.Grpc.Client.Interceptors;
using Upstream.ServiceDefaults.Configuration;

namespace Upstream.Grpc.Client.DependencyInjection;

/// <summary>Registers generated gRPC clients that call another service by its name in the app host.</summary>
public static class GrpcClientRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/> (a generated <c>&lt;Service&gt;Client(CallInvoker)</c>) calling the
    /// service named <paramref name="serviceName"/>. Its replicas' addresses come from configuration in Aspire's
    /// convention, <c>services__NAME__http__0..n</c> (https when no http address is given), and calls go to them
    /// in turn. Clients of the same service share one invoker, so they share its pooled HTTP/2 connections.
    /// </summary>
    public static GrpcClientBuilder AddGrpcClient<TClient>(this IServiceCollection services, string serviceName, Action<GrpcClientOptions>? configure = null)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        services.AddOptions();
        if (configure is not null)
        {
            services.Configure(serviceName, configure);
        }

        services.TryAddKeyedSingleton(serviceName, static (provider, key) => CreateInvoker(provider, (string)key!));
        services.TryAddKeyedSingleton(serviceName, static (provider, key) => Intercepted(provider, (string)key!));
        services.TryAddTransient(provider =>
            ActivatorUtilities.CreateInstance<TClient>(provider, provider.GetRequiredKeyedService<CallInvoker>(serviceName)));
        return new GrpcClientBuilder(services, serviceName);
    }

    private static HttpCallInvoker CreateInvoker(IServiceProvider provider, string serviceName)
    {
        var configuration = provider.GetRequiredService<IConfiguration>();
        var addresses = configuration.GetServiceEndpoints(serviceName);
        if (addresses.Count == 0)
        {
            addresses = configuration.GetServiceEndpoints(serviceName, "https");
        }

        if (addresses.Count == 0)
        {
            throw new InvalidOperationException(
                $"No address is configured for the service '{serviceName}': set services__{serviceName}__http__0 (and __1, ... for more replicas).");
        }

        var options = provider.GetRequiredService<IOptionsMonitor<GrpcClientOptions>>().Get(serviceName);
        return new HttpCallInvoker(new RoundRobinEndpoints(addresses), options);
    }

    private static CallInvoker Intercepted(IServiceProvider provider, string serviceName)
    {
        var invoker = provider.GetRequiredKeyedService<HttpCallInvoker>(serviceName);
        var interceptors = provider.GetRequiredService<IOptionsMonitor<GrpcClientInterceptors>>().Get(serviceName);
        return invoker.Intercept(interceptors.Factories.Select(create => create(provider)));
    }
}

/// <summary>Further configuration of one registered client's service.</summary>
public sealed class GrpcClientBuilder(IServiceCollection services, string serviceName)
{
    public IServiceCollection Services { get; } = services;

    public string ServiceName { get; } = serviceName;

    /// <summary>Adds an interceptor around every call to this service; those added first run outermost.</summary>
    public GrpcClientBuilder AddInterceptor(Func<IServiceProvider, ClientInterceptor> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        Services.Configure<GrpcClientInterceptors>(ServiceName, i => i.Factories.Add(create));
        return this;
    }

    /// <summary>Sends the bearer token of the request being served along with every call to this service.</summary>
    public GrpcClientBuilder ForwardBearerToken()
    {
        Services.AddHttpContextAccessor();
        return AddInterceptor(static provider => ActivatorUtilities.CreateInstance<BearerTokenInterceptor>(provider));
    }
}

/// <summary>The interceptors registered for one service, by name.</summary>
internal sealed class GrpcClientInterceptors
{
    public List<Func<IServiceProvider, ClientInterceptor>> Factories { get; } = [];
}
