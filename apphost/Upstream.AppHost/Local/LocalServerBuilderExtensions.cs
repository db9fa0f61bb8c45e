using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Upstream.Hosting.Processes;

namespace Aspire.Hosting.ApplicationModel;

internal static class LocalServerBuilderExtensions
{
    /// <summary>
    /// Declares the server's command (under the guard, which watches this app host), its environment, its one
    /// loopback endpoint (not proxied: clients talk to the server itself) and a protocol-level health check.
    /// </summary>
    public static IResourceBuilder<T> AddLocalServer<T>(
        this IDistributedApplicationBuilder builder, T server, ChildProcessSpec command, string scheme, Func<CancellationToken, Task<bool>> answers)
        where T : LocalServerResource
    {
        Directory.CreateDirectory(server.DataDirectory);
        var healthCheck = builder.AddAnswersCheck(server.Name, answers);

        var resource = builder.AddResource(server)
            .WithArgs([.. ProcessGuard.Arguments(command, Environment.ProcessId)])
            .WithEndpoint(port: server.Port, targetPort: server.Port, scheme: scheme, name: LocalServerResource.EndpointName, isProxied: false)
            .WithHealthCheck(healthCheck);
        foreach (var (key, value) in command.Environment)
        {
            resource.WithEnvironment(key, value);
        }

        return resource;
    }

    /// <summary>A health check, named for the resource, that is healthy once the resource answers its own protocol.</summary>
    public static string AddAnswersCheck(this IDistributedApplicationBuilder builder, string resourceName, Func<CancellationToken, Task<bool>> answers)
    {
        var name = $"{resourceName}_answers";
        builder.Services.AddHealthChecks().AddAsyncCheck(name, async cancellationToken =>
            await answers(cancellationToken).ConfigureAwait(false) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{resourceName} does not answer yet"));
        return name;
    }

    /// <summary>A generated password kept in the app host's user secrets, so the data folder stays usable across runs.</summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedPassword(this IDistributedApplicationBuilder builder, string serverName) =>
        builder.AddParameter($"{serverName}-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);

    /// <summary>The configured port (Upstream:Ports:NAME), or a free loopback port chosen for this run.</summary>
    public static int PortFor(this IDistributedApplicationBuilder builder, string name) =>
        int.TryParse(builder.Configuration[$"Upstream:Ports:{name}"], out var port) ? port : Upstream.Hosting.Infrastructure.FreePort.Next();

    /// <summary>The app host's data folder (Upstream:DataDirectory; by default .upstream/ at the repository's root).</summary>
    public static string DataDirectory(this IDistributedApplicationBuilder builder, string name) =>
        Path.GetFullPath(Path.Combine(
            builder.Configuration["Upstream:DataDirectory"] ?? Path.Combine(builder.AppHostDirectory, "..", "..", ".upstream"), name));
}
