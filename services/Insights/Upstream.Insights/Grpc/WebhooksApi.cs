using Grpc.Core;
using Upstream.Insights.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Insights.Grpc;

/// <summary>WebhookService: partners' subscriptions, the delivery log, replays and the hosts staff allow for testing.</summary>
public sealed class WebhooksApi(WebhookDesk desk) : V1.WebhookService.WebhookServiceBase
{
    public override async Task<V1.WebhookSubscription> CreateWebhookSubscription(V1.CreateWebhookSubscriptionRequest request, ServerCallContext context) =>
        (await desk.SubscribeAsync(context.Caller(), request.Details?.Url ?? "", request.Details?.Description ?? "", [.. request.Details?.EventTypes ?? []], context.CancellationToken)).ToProto(withSecret: true);

    public override async Task<V1.WebhookSubscription> GetWebhookSubscription(V1.GetWebhookSubscriptionRequest request, ServerCallContext context) =>
        (await desk.GetAsync(context.Caller(), WireInput.Id(request.SubscriptionId, "subscription_id"), context.CancellationToken)).ToProto(withSecret: false);

    public override async Task<V1.ListWebhookSubscriptionsResponse> ListWebhookSubscriptions(V1.ListWebhookSubscriptionsRequest request, ServerCallContext context)
    {
        var response = new V1.ListWebhookSubscriptionsResponse();
        response.Subscriptions.AddRange((await desk.ListAsync(context.Caller(), context.CancellationToken)).Select(s => s.ToProto(withSecret: false)));
        return response;
    }

    public override async Task<V1.WebhookSubscription> RotateWebhookSecret(V1.RotateWebhookSecretRequest request, ServerCallContext context) =>
        (await desk.RotateSecretAsync(context.Caller(), WireInput.Id(request.SubscriptionId, "subscription_id"), context.CancellationToken)).ToProto(withSecret: true);

    public override async Task<V1.WebhookSubscription> EnableWebhookSubscription(V1.EnableWebhookSubscriptionRequest request, ServerCallContext context) =>
        (await desk.EnableAsync(context.Caller(), WireInput.Id(request.SubscriptionId, "subscription_id"), context.CancellationToken)).ToProto(withSecret: false);

    public override async Task<V1.ListWebhookDeliveriesResponse> ListWebhookDeliveries(V1.ListWebhookDeliveriesRequest request, ServerCallContext context)
    {
        var response = new V1.ListWebhookDeliveriesResponse();
        var deliveries = await desk.DeliveriesAsync(context.Caller(), WireInput.Id(request.SubscriptionId, "subscription_id"), context.CancellationToken);
        response.Deliveries.AddRange(deliveries.Select(d => d.ToProto()));
        return response;
    }

    public override async Task<V1.WebhookDelivery> ReplayWebhookDelivery(V1.ReplayWebhookDeliveryRequest request, ServerCallContext context) =>
        (await desk.ReplayAsync(context.Caller(), WireInput.Id(request.DeliveryId, "delivery_id"), context.CancellationToken)).ToProto();

    public override async Task<V1.AllowCallbackHostResponse> AllowCallbackHost(V1.AllowCallbackHostRequest request, ServerCallContext context) =>
        new() { Host = (await desk.AllowHostAsync(context.Caller(), request.Host, context.CancellationToken)).Host };
}
