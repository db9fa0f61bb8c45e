using Microsoft.Extensions.Configuration;
using Upstream.Hosting.Dashboard;
using Upstream.Hosting.Model;
using Upstream.Hosting.Resources;

namespace Upstream.Hosting;

/// <summary>Declares the system in Aspire's shape: AddPostgres, AddDatabase, AddRabbitMQ, AddProject, WithReference, WaitFor.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    private DistributedApplicationBuilder(IConfiguration configuration)
    {
        Configuration = configuration;
        Options = AppHostOptions.From(configuration);
    }

    public IConfiguration Configuration { get; }

    public AppHostOptions Options { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Set by AddDashboard; null runs without a dashboard (and without OTLP export).</summary>
    internal DashboardOptions? Dashboard { get; set; }

    public static DistributedApplicationBuilder CreateBuilder(string[] args) =>
        new(new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build());

    public IResourceBuilder<PostgresServerResource> AddPostgres(string name) => Add(new PostgresServerResource(name));

    public IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(string name) => Add(new RabbitMQServerResource(name));

    /// <param name="projectPath">The .csproj, relative to the repository root.</param>
    public IResourceBuilder<ProjectResource> AddProject(string name, string projectPath) => Add(new ProjectResource(name, projectPath));

    internal IResourceBuilder<T> Add<T>(T resource)
        where T : Resource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' is already declared.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public DistributedApplication Build() =>
        new(Options, [.. _resources], Dashboard is null ? null : new AppHostDashboard(Dashboard, Options.DataDirectory));
}

public interface IResourceBuilder<out T>
    where T : Resource
{
    T Resource { get; }

    DistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed record ResourceBuilder<T>(T Resource, DistributedApplicationBuilder ApplicationBuilder) : IResourceBuilder<T>
    where T : Resource;
