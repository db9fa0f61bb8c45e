namespace Upstream.Insights.Webhooks;

/// <summary>How the sender works ("Webhooks" in configuration).</summary>
public sealed class WebhookOptions
{
    /// <summary>How often it looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Failed attempts in a row after which a subscription is disabled.</summary>
    public int DisableAfterFailures { get; set; } = 10;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed delivery is held by one replica before another may try it (if the first died).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}
