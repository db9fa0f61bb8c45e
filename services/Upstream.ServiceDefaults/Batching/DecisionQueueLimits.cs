namespace Upstream.ServiceDefaults.Batching;

/// <summary>How a replica's decision queue is bounded (configuration section Upstream:Decisions).</summary>
public sealed record DecisionQueueLimits
{
    public const string Section = "Upstream:Decisions";

    /// <summary>
    /// The most requests one transaction decides: bounds the lock's hold and the commit's size. Above a burst for
    /// one key at a programme's size (300 attempts for a residential, 200 awards), so such a burst is one commit.
    /// </summary>
    public int MaxBatch { get; init; } = 500;

    /// <summary>
    /// The most requests a replica holds queued for one kind of decision, across all keys. Queued requests hold no
    /// connection, so this bounds memory and how long the last one waits: 10x a programme's bursts at once fit; a
    /// burst far past that is told RESOURCE_EXHAUSTED at once rather than waiting out its deadline.
    /// </summary>
    public int MaxWaiting { get; init; } = 10_000;
}
