using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Handling;

/// <summary>
/// Queues an event for every subscription that chose its type, in the caller's unit of work, so the change and its
/// deliveries are saved together. Disabled subscriptions get theirs too: they wait until it is enabled again. Each
/// delivery keeps the current trace, so sending it later joins the trace of what caused it.
/// </summary>
public sealed class WebhookQueue(InsightsDb db, TimeProvider clock)
{
    /// <summary>The subscriptions to tell: read before the change, since the change itself is applied synchronously.</summary>
    public async Task<IReadOnlyList<Guid>> SubscribersAsync(string eventType, CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.AsNoTracking().Where(s => s.EventTypes.Contains(eventType)).Select(s => s.Id).ToListAsync(cancellationToken);

    /// <summary>Every delivery of one event is queued at the same instant, in the same trace.</summary>
    public void Add(IReadOnlyList<Guid> subscribers, string eventType, string payload)
    {
        var (now, trace) = (clock.GetUtcNow(), Activity.Current?.Id);
        db.WebhookDeliveries.AddRange(subscribers.Select(s => WebhookDelivery.For(s, eventType, payload, now, trace)));
    }

    public async Task AddAsync(string eventType, string payload, CancellationToken cancellationToken) =>
        Add(await SubscribersAsync(eventType, cancellationToken), eventType, payload);
}
