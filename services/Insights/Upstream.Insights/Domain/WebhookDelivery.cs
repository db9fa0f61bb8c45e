using System.Security.Cryptography;

namespace Upstream.Insights.Domain;

/// <summary>One attempt to deliver: the receiver's status (0 if unreachable) or what went wrong.</summary>
public sealed record WebhookAttempt(DateTimeOffset At, int StatusCode, string? Error);

public enum DeliveryState
{
    Pending,
    Delivered,
    Abandoned,
}

/// <summary>
/// One event for one subscription, kept in the database until it is delivered or given up, so retries survive a
/// restart. Each attempt is logged; between failures it waits longer (the retry schedule).
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>The wait after the 1st, 2nd... failed attempt; after the last the delivery is abandoned.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetrySchedule =
        [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)];

    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }

    public Guid SubscriptionId { get; private set; }

    /// <summary>The webhook-id header ("msg_..."): the receiver's idempotency key, kept by a replay.</summary>
    public string MessageId { get; private set; } = "";

    public string EventType { get; private set; } = "";

    /// <summary>The exact JSON body that is signed and sent.</summary>
    public string Payload { get; private set; } = "";

    public DeliveryState State { get; private set; }

    public IReadOnlyList<WebhookAttempt> Attempts { get; private set; } = [];

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The W3C traceparent of the change that queued it (publishing), so the send joins that trace.</summary>
    public string? TraceParent { get; private set; }

    public static WebhookDelivery For(Guid subscriptionId, string eventType, string payload, DateTimeOffset at, string? traceParent) =>
        New(subscriptionId, $"msg_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}", eventType, payload, at, traceParent);

    /// <summary>The same message again, as a new delivery with its own log (and the replay request's trace).</summary>
    public WebhookDelivery Replay(DateTimeOffset at, string? traceParent) => New(SubscriptionId, MessageId, EventType, Payload, at, traceParent);

    /// <summary>Held by one sender for a while, so another replica does not send it at the same time.</summary>
    public void Lease(DateTimeOffset until) => NextAttemptAt = until;

    public void Delivered(DateTimeOffset at, int statusCode)
    {
        Attempts = [.. Attempts, new WebhookAttempt(at, statusCode, null)];
        State = DeliveryState.Delivered;
    }

    /// <param name="gone">The receiver said 410: no retry.</param>
    public void Failed(DateTimeOffset at, int statusCode, string error, bool gone)
    {
        Attempts = [.. Attempts, new WebhookAttempt(at, statusCode, error)];
        var failures = Attempts.Count;
        if (gone || failures > RetrySchedule.Count)
        {
            State = DeliveryState.Abandoned;
            return;
        }

        NextAttemptAt = at + RetrySchedule[failures - 1];
    }

    private static WebhookDelivery New(Guid subscriptionId, string messageId, string eventType, string payload, DateTimeOffset at, string? traceParent) =>
        new()
        {
            Id = Guid.NewGuid(), SubscriptionId = subscriptionId, MessageId = messageId, EventType = eventType, Payload = payload,
            State = DeliveryState.Pending, NextAttemptAt = at, CreatedAt = at, TraceParent = traceParent,
        };
}
