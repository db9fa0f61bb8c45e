using System.Globalization;
using Upstream.Hosting.Model;
using Upstream.Hosting.Resources;

namespace Upstream.Hosting;

public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name) =>
        server.ApplicationBuilder.Add(new PostgresDatabaseResource(name, server.Resource));

    /// <summary>ConnectionStrings__NAME for a database or broker.</summary>
    public static IResourceBuilder<ProjectResource> WithReference<TSource>(this IResourceBuilder<ProjectResource> project, IResourceBuilder<TSource> source)
        where TSource : Resource, IResourceWithConnectionString
    {
        project.Resource.EnvironmentCallbacks.Add(env => env.Variables[$"ConnectionStrings__{source.Resource.Name}"] = source.Resource.ConnectionString);
        return project;
    }

    /// <summary>services__NAME__http__N for every replica of another project (service discovery).</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> other)
    {
        project.Resource.EnvironmentCallbacks.Add(env =>
        {
            for (var i = 0; i < other.Resource.Endpoints.Count; i++)
            {
                env.Variables[$"services__{other.Resource.Name}__http__{i.ToString(CultureInfo.InvariantCulture)}"] = other.Resource.Endpoints[i].ToString().TrimEnd('/');
            }

            for (var i = 0; i < other.Resource.GrpcEndpoints.Count; i++)
            {
                env.Variables[$"services__{other.Resource.Name}__grpc__{i.ToString(CultureInfo.InvariantCulture)}"] = other.Resource.GrpcEndpoints[i].ToString().TrimEnd('/');
            }
        });
        return project;
    }

    /// <summary>Keeps this resource Waiting until the other is Running and healthy; FailedToStart if it fails first.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> dependency)
        where T : Resource
    {
        builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> project, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        project.Resource.Replicas = replicas;
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> project, string name, string value)
    {
        project.Resource.EnvironmentCallbacks.Add(env => env.Variables[name] = value);
        return project;
    }

    /// <summary>The project serves gRPC on an HTTP/2-only <c>grpc</c> endpoint of its own beside <c>http</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithGrpcEndpoint(this IResourceBuilder<ProjectResource> project)
    {
        project.Resource.HasGrpcEndpoint = true;
        return project;
    }

    /// <summary>The project counts as healthy only while GET PATH answers 2xx on every replica.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpHealthCheck(this IResourceBuilder<ProjectResource> project, string path = "/health")
    {
        project.Resource.HealthCheckPath = path;
        return project;
    }
}
