namespace Upstream.ServiceDefaults.Batching;

/// <summary>
/// Decides a batch of queued requests for one key (an event, a fund) in one transaction: the key's lock taken once,
/// its counts read once, each request decided in order against the running counts (through
/// <see cref="Batched{TRequest}.Decide"/>, which skips a caller gone meanwhile), one commit.
/// </summary>
/// <remarks>Resolved from a fresh scope per batch (its own DbContext and outbox).</remarks>
public interface IBatchDecider<in TKey, TRequest, TAnswer>
{
    /// <returns>One decision per request, in the batch's order. Throw only when the batch as a whole failed: its
    /// requests are then decided again one at a time.</returns>
    Task<IReadOnlyList<Decision<TAnswer>>> DecideAsync(TKey key, IReadOnlyList<Batched<TRequest>> batch, CancellationToken cancellationToken);
}
