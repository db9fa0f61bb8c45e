using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.AppHost;

/// <summary>
/// Once every resource is healthy: the development tokens and where to use them, on the console, and the system file
/// staff tools read (deleted again on stop).
/// </summary>
public sealed class ReadyAnnouncement(IServiceProvider services, DevelopmentIdentity identity, ProjectResource gateway, SystemFile systemFile) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var resources = await WaitUntilHealthyAsync(services, stoppingToken);
            var address = new Uri(await gateway.GetEndpoint("http").GetValueAsync(stoppingToken) ?? "http://localhost");
            Console.WriteLine($"Upstream: all {resources.Count} resources healthy ({string.Join(", ", resources.Select(r => r.Name))}).");
            await identity.PrintTokensAsync(Console.Out, address, stoppingToken);
            var gatewayGrpc = await gateway.GetEndpoint("grpc").GetValueAsync(stoppingToken) ?? "";
            Console.WriteLine($"gRPC through the gateway: {gatewayGrpc}");

            var endpoints = new Dictionary<string, string>();
            foreach (var service in resources.OfType<ProjectResource>().Where(p => p != gateway))
            {
                endpoints[service.Name] = await service.GetEndpoint("grpc").GetValueAsync(stoppingToken) ?? "";
            }

            await systemFile.WriteAsync(endpoints, gatewayGrpc, await identity.IssueAsync(Roles.Staff, stoppingToken), stoppingToken);
            Console.WriteLine($"Staff tools (upstream): {systemFile.Path}");
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped: before everything was up, or after (then the system file goes with the system).
        }
        finally
        {
            systemFile.Delete();
        }
    }

    /// <summary>Waits until every server, database and project is healthy; returns them.</summary>
    public static async Task<IReadOnlyList<IResource>> WaitUntilHealthyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var resources = services.GetRequiredService<DistributedApplicationModel>().Resources.Where(IsPartOfTheSystem).ToList();
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        await Task.WhenAll(resources.Select(r => notifications.WaitForResourceHealthyAsync(r.Name, cancellationToken)));
        return resources;
    }

    /// <summary>Servers, databases and projects; not parameters or the hidden helpers Aspire adds itself.</summary>
    public static bool IsPartOfTheSystem(IResource resource) => resource is IResourceWithConnectionString or ProjectResource;
}
