using Upstream.Contracts;

namespace Upstream.Messaging.Outbox;

/// <summary>
/// Publishes an integration event as part of the current unit of work: the event is added to the service's
/// DbContext and commits (or rolls back) with SaveChanges. Nothing reaches RabbitMQ before the commit.
/// </summary>
public interface IEventOutbox
{
    /// <param name="aggregateKey">Events with the same key (an application's id, say) reach consumers in the
    /// order they were published; null when order does not matter.</param>
    void Publish<TEvent>(TEvent integrationEvent, string? aggregateKey = null)
        where TEvent : class, IIntegrationEvent;
}
