namespace Upstream.ServiceDefaults.Batching;

/// <summary>How a replica's decision queue is bounded (configuration section Upstream:Decisions).</summary>
public sealed record DecisionQueueLimits
{
    public const string Section = "Upstream:Decisions";

    /// <summary>The most requests one transaction decides: bounds the lock's hold and the commit's size.</summary>
    public int MaxBatch { get; init; } = 100;

    /// <summary>
    /// The most requests a replica holds queued for one kind of decision, across all keys. Queued requests hold no
    /// connection, so this bounds only memory and how long the last one waits (20 batches at most, a few seconds on
    /// the 2-core machine); beyond it a caller is refused at once.
    /// </summary>
    public int MaxWaiting { get; init; } = 2_000;
}
