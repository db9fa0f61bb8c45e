using Upstream.Contracts;

namespace Upstream.Messaging.Inbox;

/// <summary>
/// Handles one kind of integration event. Change state through the service's DbContext and do not call
/// SaveChanges: the inbox saves the changes, any events published through IEventOutbox, and the record that
/// this message was handled, in one transaction, so a redelivered message changes nothing.
/// </summary>
public interface IEventConsumer<in TEvent>
    where TEvent : class, IIntegrationEvent
{
    Task ConsumeAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
