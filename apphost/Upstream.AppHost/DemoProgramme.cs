using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Hosting;
using Upstream.Demo;

namespace Upstream.AppHost;

/// <summary>
/// `run.sh --demo`: once every resource is healthy, the programme journey fills the system through the gateway (a
/// call, sixty applications, a cohort, events, grants, insight), telling its progress on the console. A second run
/// finds the demo's call and adds nothing.
/// </summary>
public sealed class DemoProgramme(IServiceProvider services, DevelopmentIdentity identity, ProjectResource gateway) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ReadyAnnouncement.WaitUntilHealthyAsync(services, stoppingToken);
            using var channel = GrpcChannel.ForAddress(await gateway.GetEndpoint("grpc").GetValueAsync(stoppingToken) ?? "http://localhost");
            var progress = new JourneyProgress(line => Console.WriteLine($"Demo: {line}"));
            var journey = new ProgrammeJourney(channel, new JourneyCallers(await identity.IssuerAsync(stoppingToken)), progress);
            if (await journey.RunAsync(stoppingToken) is { } result)
            {
                Console.WriteLine($"Demo: in the dashboard's Traces, open {result.CohortTrace} (the cohort confirmation, from the gateway to Events' invitations), {result.PublicationTrace} (a publication, to the partner's webhook) and {result.FindingTrace} (a discovery visit, its findings to the partner's webhook).");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped while the demo was being filled in.
        }
        catch (Exception e) when (e is RpcException or TimeoutException or InvalidOperationException)
        {
            // The system keeps running: the demo is a convenience, and what stopped it is worth reading.
            Console.WriteLine($"Demo: stopped: {e.Message}");
        }
    }
}
