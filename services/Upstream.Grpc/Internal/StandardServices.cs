using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Upstream.Grpc.Health;
using Upstream.Grpc.Reflection;

namespace Upstream.Grpc.Internal;

/// <summary>
/// The services every gRPC tool expects of a server, on every server without asking: grpc.health.v1.Health
/// (from the application's ASP.NET Core health checks) and grpc.reflection.v1.ServerReflection (from the mapped
/// services' descriptors). AddGrpcServer registers them; the first MapGrpcService maps them.
/// </summary>
internal static class StandardServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddHealthChecks();
        services.TryAddSingleton<HealthStatusBoard>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthCheckPublisher, HealthReportPublisher>());
        // Watchers hear of a change within a few seconds; the framework's default period is 30 s. Applications
        // may configure HealthCheckPublisherOptions again after AddGrpcServer.
        services.Configure<HealthCheckPublisherOptions>(publisher =>
        {
            publisher.Delay = TimeSpan.FromSeconds(1);
            publisher.Period = TimeSpan.FromSeconds(5);
        });
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<HealthService>();
        endpoints.MapGrpcService<ServerReflectionService>();
    }
}
