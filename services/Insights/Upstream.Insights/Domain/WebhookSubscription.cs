using Upstream.Domain.Refusals;

namespace Upstream.Insights.Domain;

/// <summary>
/// A partner's callback for the events it chose (<see cref="WebhookEventTypes"/>). Disabled by a 410 (the receiver said it is gone) or after a run
/// of failed attempts, so a dead receiver stops costing retries; enabling it again resumes what was waiting.
/// </summary>
public sealed class WebhookSubscription
{
    /// <summary>How long a rotated-out secret still signs beside the new one, so the receiver can switch without a gap.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    private WebhookSubscription()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The subject (partner or staff user) who subscribed: partners see only their own.</summary>
    public string Owner { get; private set; } = "";

    public string Url { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>The event types it receives, in the order <see cref="WebhookEventTypes.All"/> lists them.</summary>
    public string[] EventTypes { get; private set; } = [];

    public string Secret { get; private set; } = "";

    public string? PreviousSecret { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    public bool Enabled { get; private set; }

    public string? DisabledReason { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <param name="eventTypes">None means <see cref="WebhookEventTypes.Default"/>; naming one twice is no error.</param>
    public static WebhookSubscription Subscribe(string owner, CallbackUrl url, string description, IReadOnlyCollection<string> eventTypes, string secret, DateTimeOffset at)
    {
        var violations = new Violations();
        violations.Require(description.Length <= 500, "details.description", "At most 500 characters.");
        var unknown = eventTypes.Where(t => !WebhookEventTypes.All.Contains(t)).ToList();
        violations.Require(unknown.Count == 0, "details.event_types", $"Unknown event type {string.Join(", ", unknown.Select(t => $"'{t}'"))}: choose from {string.Join(", ", WebhookEventTypes.All)}.");
        violations.ThrowIfAny();
        string[] types = eventTypes.Count == 0 ? [.. WebhookEventTypes.Default] : [.. WebhookEventTypes.All.Where(eventTypes.Contains)];
        return new() { Id = Guid.NewGuid(), Owner = owner, Url = url.Value, Description = description.Trim(), EventTypes = types, Secret = secret, Enabled = true, CreatedAt = at };
    }

    /// <summary>The secrets a delivery is signed with now: the current one, and the previous one while it overlaps.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset at) =>
        PreviousSecret is not null && at < PreviousSecretExpiresAt ? [Secret, PreviousSecret] : [Secret];

    public void Rotate(string secret, DateTimeOffset at) =>
        (PreviousSecret, PreviousSecretExpiresAt, Secret) = (Secret, at + RotationOverlap, secret);

    public void Succeeded() => ConsecutiveFailures = 0;

    public void Failed(int disableAfter)
    {
        ConsecutiveFailures++;
        if (ConsecutiveFailures >= disableAfter)
        {
            Disable($"Disabled after {ConsecutiveFailures} failed attempts in a row.");
        }
    }

    public void Gone() => Disable("Disabled: the receiver answered 410 Gone.");

    public void Enable()
    {
        if (Enabled)
        {
            throw new DomainRuleException("subscription-enabled", "The subscription is already enabled.");
        }

        (Enabled, DisabledReason, ConsecutiveFailures) = (true, null, 0);
    }

    private void Disable(string reason) => (Enabled, DisabledReason) = (false, reason);
}
