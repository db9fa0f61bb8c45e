using Microsoft.EntityFrameworkCore;

namespace Upstream.Messaging.Outbox;

/// <summary>An outbox over a DbContext made outside dependency injection (tools, and tests that drive use cases directly).</summary>
public static class EventOutboxFactory
{
    public static IEventOutbox For<TDb>(TDb db, TimeProvider clock)
        where TDb : DbContext => new EventOutbox<TDb>(db, clock);
}
