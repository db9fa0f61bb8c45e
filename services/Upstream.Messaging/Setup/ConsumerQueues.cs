namespace Upstream.Messaging.Setup;

/// <summary>The queues this service's consumers receive from (one per consumer, named for the service and consumer).</summary>
public sealed class ConsumerQueues(IReadOnlyList<string> names)
{
    public IReadOnlyList<string> Names { get; } = names;
}
