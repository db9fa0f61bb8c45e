using System.Diagnostics;
using System.Text.Json;
using StandardWebhooks;
using Upstream.Insights.V1;
using Upstream.Network.Hosting;
using Upstream.Network.V1;
using Upstream.ServiceDefaults.Identity;
using static Upstream.Integration.Tests.Network.Visits.VisitSamples;

namespace Upstream.Integration.Tests.Insights;

/// <summary>
/// Partners who ask for findings hear of each one as Insights receives it from Network, signed like every delivery, in
/// the trace of the visit that recorded it; partners who asked only for publications do not.
/// </summary>
public sealed class FindingWebhookTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly ActivitySource Test = new("Upstream.Tests.Insights");

    [Fact]
    public async Task A_finding_recorded_in_Network_reaches_the_partners_who_asked_for_findings_in_the_trace_of_the_visit()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Upstream", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var broker = await infrastructure.Shared.CreateVirtualHostAsync("insights-finding-webhooks");
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared, broker, now: DateTimeOffset.UtcNow);
        await using var network = await ServiceHost.StartAsync(infrastructure.Shared, "network", NetworkApp.Build, InsightsHost.Now, broker);
        await NetworkMembers.JoinAsync(network, "BRI", "Bristol City Council", "South West", "urban", "coastal");
        var webhooks = insights.Host.Client<WebhookService.WebhookServiceClient>();
        await webhooks.AllowCallbackHostAsync(new AllowCallbackHostRequest { Host = "127.0.0.1" }, insights.Staff);
        await using var findingsReceiver = await WebhookReceiver.StartAsync();
        await using var publicationsReceiver = await WebhookReceiver.StartAsync();
        var findings = await webhooks.CreateWebhookSubscriptionAsync(Subscription(findingsReceiver.Url, "finding.recorded"), insights.Partner);
        var publications = await webhooks.CreateWebhookSubscriptionAsync(Subscription(publicationsReceiver.Url), insights.Partner);
        Assert.Equal(["finding.recorded"], findings.Details.EventTypes);
        Assert.Equal(["insight.published"], publications.Details.EventTypes);

        ActivityTraceId traceId;
        using (var visit = Test.StartActivity("record a visit from the staff tool")!)
        {
            traceId = visit.TraceId;
            await network.Client<VisitService.VisitServiceClient>().RecordVisitAsync(Visit("BRI", Barrier(consent: true)), network.As("staff-1", Roles.Staff));
        }

        var (headers, body) = (await Eventually.ReturnsAsync(() => Task.FromResult(findingsReceiver.Received.ToList()), r => r.Count == 1, "the finding's delivery"))[0];
        new StandardWebhook(findings.Secret).Verify(body, headers);
        Assert.Equal(traceId.ToString(), headers["traceparent"].ToString().Split('-')[1]);
        using var payload = JsonDocument.Parse(body);
        var data = payload.RootElement.GetProperty("data");
        Assert.Equal("finding.recorded", payload.RootElement.GetProperty("type").GetString());
        Assert.Equal(("BRI", "barrier", "Data sharing", "Teams cannot see each other's case data.", "We work blind."), (
            data.GetProperty("council_code").GetString(), data.GetProperty("kind").GetString(), data.GetProperty("theme").GetString(),
            data.GetProperty("text").GetString(), data.GetProperty("quote").GetString()));

        // The publications-only partner heard nothing of it, and hears of a piece; the findings-only one does not.
        await insights.PublishedAsync();
        await Eventually.ReturnsAsync(() => Task.FromResult(publicationsReceiver.Received.Count), n => n == 1, "the publication's delivery");
        Assert.Equal("insight.published", JsonDocument.Parse(publicationsReceiver.Received.Single().Body).RootElement.GetProperty("type").GetString());
        Assert.Single((await webhooks.ListWebhookDeliveriesAsync(new ListWebhookDeliveriesRequest { SubscriptionId = findings.SubscriptionId }, insights.Partner)).Deliveries);
        Assert.Single(findingsReceiver.Received);
    }

    private static CreateWebhookSubscriptionRequest Subscription(string url, params string[] eventTypes) =>
        new() { Details = new WebhookSubscriptionDetails { Url = url, Description = "Partner research desk", EventTypes = { eventTypes } } };
}
