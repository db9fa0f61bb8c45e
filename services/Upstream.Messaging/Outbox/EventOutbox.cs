using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Upstream.Contracts;

namespace Upstream.Messaging.Outbox;

internal sealed class EventOutbox<TDb>(TDb db, TimeProvider time) : IEventOutbox
    where TDb : DbContext
{
    public void Publish<TEvent>(TEvent integrationEvent, string? aggregateKey = null)
        where TEvent : class, IIntegrationEvent
    {
        var current = Activity.Current;
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            MessageId = integrationEvent.EventId,
            AggregateKey = aggregateKey,
            MessageType = EventTypes.NameOf(typeof(TEvent)),
            Body = JsonSerializer.Serialize(integrationEvent, EventTypes.Json),
            TraceParent = current?.IdFormat == ActivityIdFormat.W3C ? current.Id : null,
            TraceState = current?.TraceStateString,
            CreatedAt = time.GetUtcNow(),
        });
    }
}
