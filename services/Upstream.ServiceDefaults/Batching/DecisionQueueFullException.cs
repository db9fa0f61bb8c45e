namespace Upstream.ServiceDefaults.Batching;

/// <summary>
/// The replica already holds as many waiting requests as it may: the caller hears RESOURCE_EXHAUSTED at once, rather
/// than waiting out its deadline behind work it would never reach.
/// </summary>
public sealed class DecisionQueueFullException(int waiting)
    : Exception($"Too many requests are waiting to be decided here ({waiting}); try again shortly.");
