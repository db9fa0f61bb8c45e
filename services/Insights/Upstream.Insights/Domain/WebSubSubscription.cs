namespace Upstream.Insights.Domain;

public enum WebSubState
{
    /// <summary>Asked for; the subscriber has not yet confirmed its intent.</summary>
    Pending,
    Active,
    Unsubscribed,

    /// <summary>The subscriber did not confirm (wrong challenge, an error, or no answer).</summary>
    Denied,
}

/// <summary>
/// A WebSub subscriber to one of the feeds (W3C WebSub): active only once it confirmed its intent by echoing our
/// challenge, and only until its lease runs out. Content is signed with its secret, if it gave one.
/// </summary>
public sealed class WebSubSubscription
{
    public static readonly TimeSpan DefaultLease = TimeSpan.FromDays(10);
    public static readonly TimeSpan LongestLease = TimeSpan.FromDays(30);

    private WebSubSubscription()
    {
    }

    public Guid Id { get; private set; }

    public string Callback { get; private set; } = "";

    public string Topic { get; private set; } = "";

    public string? Secret { get; private set; }

    public int LeaseSeconds { get; private set; }

    public WebSubState State { get; private set; }

    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>The hub decides the lease: the one asked for, within a day and <see cref="LongestLease"/>.</summary>
    public static WebSubSubscription Requested(CallbackUrl callback, string topic, TimeSpan? lease, string? secret, DateTimeOffset at) =>
        new() { Id = Guid.NewGuid(), Callback = callback.Value, Topic = topic, RequestedAt = at, State = WebSubState.Pending, Secret = secret, LeaseSeconds = LeaseFor(lease) };

    /// <summary>A subscriber renewing (or changing its secret) confirms again; until then its current lease stands.</summary>
    public void Renew(TimeSpan? lease, string? secret, DateTimeOffset at) =>
        (LeaseSeconds, Secret, RequestedAt) = (LeaseFor(lease), secret, at);

    public void Confirmed(DateTimeOffset at) => (State, LeaseExpiresAt) = (WebSubState.Active, at.AddSeconds(LeaseSeconds));

    public void Refused()
    {
        if (State == WebSubState.Pending)
        {
            State = WebSubState.Denied;
        }
    }

    public void Unsubscribed() => (State, LeaseExpiresAt) = (WebSubState.Unsubscribed, null);

    public bool IsActive(DateTimeOffset at) => State == WebSubState.Active && at < LeaseExpiresAt;

    private static int LeaseFor(TimeSpan? asked) =>
        (int)Math.Clamp((asked ?? DefaultLease).TotalSeconds, TimeSpan.FromDays(1).TotalSeconds, LongestLease.TotalSeconds);
}
