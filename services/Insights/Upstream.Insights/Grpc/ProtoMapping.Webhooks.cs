using Google.Protobuf.WellKnownTypes;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Grpc;

internal static partial class ProtoMapping
{
    /// <param name="withSecret">Only when created or rotated: the secret is not read back afterwards.</param>
    public static V1.WebhookSubscription ToProto(this WebhookSubscription subscription, bool withSecret) => new()
    {
        SubscriptionId = subscription.Id.ToString(),
        Details = new V1.WebhookSubscriptionDetails { Url = subscription.Url, Description = subscription.Description, EventTypes = { subscription.EventTypes } },
        Secret = withSecret ? subscription.Secret : "",
        State = subscription.Enabled ? "enabled" : "disabled",
        DisabledReason = subscription.DisabledReason ?? "",
        ConsecutiveFailures = subscription.ConsecutiveFailures,
        Owner = subscription.Owner,
        CreatedAt = Timestamp.FromDateTimeOffset(subscription.CreatedAt),
    };

    public static V1.WebhookDelivery ToProto(this WebhookDelivery delivery)
    {
        var wire = new V1.WebhookDelivery
        {
            DeliveryId = delivery.Id.ToString(),
            SubscriptionId = delivery.SubscriptionId.ToString(),
            MessageId = delivery.MessageId,
            EventType = delivery.EventType,
            State = delivery.State.ToString().ToLowerInvariant(),
            NextAttemptAt = delivery.State == DeliveryState.Pending ? Timestamp.FromDateTimeOffset(delivery.NextAttemptAt) : null,
            CreatedAt = Timestamp.FromDateTimeOffset(delivery.CreatedAt),
        };
        wire.Attempts.AddRange(delivery.Attempts.Select(a => new V1.WebhookAttempt { AttemptedAt = Timestamp.FromDateTimeOffset(a.At), StatusCode = a.StatusCode, Error = a.Error ?? "" }));
        return wire;
    }
}
