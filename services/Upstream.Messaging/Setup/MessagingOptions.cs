namespace Upstream.Messaging.Setup;

/// <summary>Tuning for the bus, the relay and the clean-up; read from the "Messaging" configuration section.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Prefix of this service's queue names; replicas share it and so compete on the same queues.</summary>
    public string? ServiceName { get; set; }

    /// <summary>Immediate retries with exponential backoff before a message goes to the error queue.</summary>
    public int RetryLimit { get; set; } = 5;

    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether this process relays the outbox. Normally true on every replica (one relays at a time); false holds
    /// events in the outbox, which tests use to stop a publisher between commit and relay.
    /// </summary>
    public bool RelayEnabled { get; set; } = true;

    public int RelayBatchSize { get; set; } = 200;

    /// <summary>How often the relay looks for work if no commit notification arrives (a safety net).</summary>
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a replica that is not relaying tries to take over (when the relaying one has gone).</summary>
    public TimeSpan RelayTakeoverInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one publish may wait for the broker before the relay backs off and tries again.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sent outbox rows are kept this long (for diagnosis), then deleted.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Inbox rows are kept this long: longer than any message could still be redelivered or replayed.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);
}
