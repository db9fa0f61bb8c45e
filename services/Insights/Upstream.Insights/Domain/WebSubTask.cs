namespace Upstream.Insights.Domain;

public enum WebSubTaskKind
{
    /// <summary>Verification of intent to subscribe.</summary>
    ConfirmSubscribe,

    /// <summary>Verification of intent to unsubscribe.</summary>
    ConfirmUnsubscribe,

    /// <summary>Content distribution: the feed as it is now.</summary>
    Distribute,
}

/// <summary>
/// Work the hub owes a subscriber, kept in the database like webhook deliveries so it survives restarts, retried on
/// the same schedule. Verification is tried once (a subscriber that does not confirm is not subscribed).
/// </summary>
public sealed class WebSubTask
{
    private WebSubTask()
    {
    }

    public Guid Id { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public WebSubTaskKind Kind { get; private set; }

    public DeliveryState State { get; private set; }

    public IReadOnlyList<WebhookAttempt> Attempts { get; private set; } = [];

    public DateTimeOffset NextAttemptAt { get; private set; }

    public static WebSubTask For(Guid subscriptionId, WebSubTaskKind kind, DateTimeOffset at) =>
        new() { Id = Guid.NewGuid(), SubscriptionId = subscriptionId, Kind = kind, State = DeliveryState.Pending, NextAttemptAt = at };

    public void Lease(DateTimeOffset until) => NextAttemptAt = until;

    public void Done(DateTimeOffset at, int statusCode)
    {
        Attempts = [.. Attempts, new WebhookAttempt(at, statusCode, null)];
        State = DeliveryState.Delivered;
    }

    public void Failed(DateTimeOffset at, int statusCode, string error)
    {
        Attempts = [.. Attempts, new WebhookAttempt(at, statusCode, error)];
        if (Kind != WebSubTaskKind.Distribute || Attempts.Count > WebhookDelivery.RetrySchedule.Count)
        {
            State = DeliveryState.Abandoned;
            return;
        }

        NextAttemptAt = at + WebhookDelivery.RetrySchedule[Attempts.Count - 1];
    }
}
