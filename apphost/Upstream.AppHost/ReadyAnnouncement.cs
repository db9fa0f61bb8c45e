using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Upstream.AppHost;

/// <summary>Once every resource is healthy: the development tokens and where to use them, on the console.</summary>
public sealed class ReadyAnnouncement(IServiceProvider services, DevelopmentIdentity identity, ProjectResource gateway) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var resources = await WaitUntilHealthyAsync(services, stoppingToken);
            var address = new Uri(await gateway.GetEndpoint("http").GetValueAsync(stoppingToken) ?? "http://localhost");
            Console.WriteLine($"Upstream: all {resources.Count} resources healthy ({string.Join(", ", resources.Select(r => r.Name))}).");
            await identity.PrintTokensAsync(Console.Out, address, stoppingToken);
            Console.WriteLine($"gRPC through the gateway: {await gateway.GetEndpoint("grpc").GetValueAsync(stoppingToken)}");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before everything was up.
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
