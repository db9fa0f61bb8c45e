using System.Collections.Concurrent;
using System.Diagnostics;
using Upstream.Insights.V1;

namespace Upstream.Integration.Tests.Insights;

/// <summary>A publication's trace runs from the staff tool's call to the partner's receiver, through the durable deliveries table.</summary>
public sealed class WebhookTracingTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly ActivitySource Test = new("Upstream.Tests.Insights");

    [Fact]
    public async Task The_webhook_delivery_joins_the_trace_of_the_publish_request_and_carries_it_to_the_receiver()
    {
        var finished = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Upstream", StringComparison.Ordinal) || source.Name.StartsWith("System.Net.Http", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = finished.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared, now: DateTimeOffset.UtcNow);
        await insights.Host.Client<WebhookService.WebhookServiceClient>().AllowCallbackHostAsync(new AllowCallbackHostRequest { Host = "127.0.0.1" }, insights.Staff);
        await using var receiver = await WebhookReceiver.StartAsync();
        await insights.Host.Client<WebhookService.WebhookServiceClient>().CreateWebhookSubscriptionAsync(
            new CreateWebhookSubscriptionRequest { Details = new WebhookSubscriptionDetails { Url = receiver.Url } }, insights.Partner);
        var draft = await insights.Publications.DraftPublicationAsync(new DraftPublicationRequest { Details = InsightsHost.Piece() }, insights.Staff);
        await insights.Publications.SubmitPublicationForReviewAsync(new SubmitPublicationForReviewRequest { PublicationId = draft.PublicationId }, insights.Staff);

        ActivityTraceId traceId;
        using (var publish = Test.StartActivity("publish from the staff tool")!)
        {
            traceId = publish.TraceId;
            await insights.Publications.PublishPublicationAsync(new PublishPublicationRequest { PublicationId = draft.PublicationId }, insights.Staff);
        }

        var (headers, _) = (await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Received.ToList()), r => r.Count == 1, "the delivery"))[0];
        Assert.Equal(traceId.ToString(), headers["traceparent"].ToString().Split('-')[1]);
        // The sender's span ends once the receiver has answered, a moment after the receiver has the request.
        await Eventually.ReturnsAsync(
            () => Task.FromResult(finished.Any(a => a.OperationName == "webhook deliver" && a.TraceId == traceId)),
            found => found,
            "the webhook deliver span in the publish request's trace");
    }
}
