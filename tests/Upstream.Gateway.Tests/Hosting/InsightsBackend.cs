using Microsoft.AspNetCore.Builder;
using Upstream.Insights.V1;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// A stand-in for the Insights service, built as every service is, serving its contract so that its REST routes reach
/// the gateway's merged OpenAPI document; every method answers UNIMPLEMENTED, each feed a line of text.
/// </summary>
public static class InsightsBackend
{
    public static Task<ServiceHost> StartAsync() => StandInService.StartAsync(app =>
    {
        app.MapGrpcService<Patterns>();
        app.MapGrpcService<Publications>();
        app.MapGrpcService<Webhooks>();
        app.MapGrpcService<Programme>();

        // The feeds are plain HTTP beside the contract: answered here so a test can tell "forwarded" from "not routed",
        // and named and marked as the service does, so they reach the merged OpenAPI document as its do.
        app.MapGet("/feeds/insights.atom", () => "stand-in atom feed").WithName("GetInsightsAtomFeed").AllowAnonymous();
        app.MapGet("/feeds/insights.json", () => "stand-in json feed").WithName("GetInsightsJsonFeed").AllowAnonymous();
        app.MapPost("/websub/hub", () => "stand-in hub").WithName("RequestWebSubSubscription").AllowAnonymous();
        app.MapGet("/feeds/grants.json", () => "stand-in grants feed").WithName("GetGrantsFeed");
    });

    private sealed class Patterns : InsightPatternService.InsightPatternServiceBase;

    private sealed class Publications : PublicationService.PublicationServiceBase;

    private sealed class Webhooks : WebhookService.WebhookServiceBase;

    private sealed class Programme : ProgrammeService.ProgrammeServiceBase;
}
