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

        // The feeds are plain HTTP beside the contract: answered here so a test can tell "forwarded" from "not routed".
        app.MapGet("/feeds/insights.atom", () => "stand-in atom feed");
        app.MapGet("/feeds/insights.json", () => "stand-in json feed");
        app.MapPost("/websub/hub", () => "stand-in hub");
        app.MapGet("/feeds/grants.json", () => "stand-in grants feed");
    });

    private sealed class Patterns : InsightPatternService.InsightPatternServiceBase;

    private sealed class Publications : PublicationService.PublicationServiceBase;

    private sealed class Webhooks : WebhookService.WebhookServiceBase;

    private sealed class Programme : ProgrammeService.ProgrammeServiceBase;
}
