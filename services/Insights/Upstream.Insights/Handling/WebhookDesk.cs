using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Upstream.Domain.Refusals;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Insights.Handling;

/// <summary>Partners' webhook subscriptions, their delivery log and replays; staff see all and allow test hosts.</summary>
public sealed class WebhookDesk(InsightsDb db, TimeProvider clock)
{
    public async Task<WebhookSubscription> SubscribeAsync(Caller caller, string url, string description, IReadOnlyCollection<string> eventTypes, CancellationToken cancellationToken)
    {
        caller.RequireStaffOrPartner("subscribe to webhooks");
        var allowed = (await db.AllowedCallbackHosts.Select(h => h.Host).ToListAsync(cancellationToken)).ToHashSet();
        var callback = await CallbackUrl.CheckAsync(url, "details.url", allowed, host => Dns.GetHostAddressesAsync(host, cancellationToken));
        var subscription = WebhookSubscription.Subscribe(caller.Subject, callback, description, eventTypes, WebhookSecret.New(), clock.GetUtcNow());
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveAsync("the subscription", cancellationToken);
        return subscription;
    }

    /// <summary>Someone else's subscription does not exist, as far as a partner can tell.</summary>
    public async Task<WebhookSubscription> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        caller.RequireStaffOrPartner("read webhook subscriptions");
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return subscription is not null && (caller.IsStaff || subscription.Owner == caller.Subject)
            ? subscription
            : throw new NotFoundException($"No webhook subscription {id}.");
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.RequireStaffOrPartner("read webhook subscriptions");
        return await db.WebhookSubscriptions.AsNoTracking().Where(s => caller.IsStaff || s.Owner == caller.Subject).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<WebhookSubscription> RotateSecretAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var subscription = await GetAsync(caller, id, cancellationToken);
        subscription.Rotate(WebhookSecret.New(), clock.GetUtcNow());
        await db.SaveAsync("the subscription", cancellationToken);
        return subscription;
    }

    public async Task<WebhookSubscription> EnableAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var subscription = await GetAsync(caller, id, cancellationToken);
        subscription.Enable();
        await db.SaveAsync("the subscription", cancellationToken);
        return subscription;
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(Caller caller, Guid subscriptionId, CancellationToken cancellationToken)
    {
        await GetAsync(caller, subscriptionId, cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscriptionId).OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync(cancellationToken);
    }

    public async Task<WebhookDelivery> ReplayAsync(Caller caller, Guid deliveryId, CancellationToken cancellationToken)
    {
        caller.RequireStaffOrPartner("replay webhook deliveries");
        var delivery = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId, cancellationToken)
            ?? throw new NotFoundException($"No webhook delivery {deliveryId}.");
        await GetAsync(caller, delivery.SubscriptionId, cancellationToken);
        var replay = delivery.Replay(clock.GetUtcNow(), Activity.Current?.Id);
        db.WebhookDeliveries.Add(replay);
        await db.SaveAsync("the delivery", cancellationToken);
        return replay;
    }

    /// <summary>Allowing a host twice is no change.</summary>
    public async Task<AllowedCallbackHost> AllowHostAsync(Caller caller, string host, CancellationToken cancellationToken)
    {
        caller.RequireStaff("allow callback hosts");
        var violations = new Violations();
        violations.Require(Uri.CheckHostName(host.Trim().Trim('[', ']')) != UriHostNameType.Unknown, "host", "Give a host name or IP address.");
        violations.ThrowIfAny();
        var allowed = AllowedCallbackHost.Allow(host, caller.Subject, clock.GetUtcNow());
        var existing = await db.AllowedCallbackHosts.FirstOrDefaultAsync(h => h.Host == allowed.Host, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        db.AllowedCallbackHosts.Add(allowed);
        await db.SaveAsync("the allowed host", cancellationToken);
        return allowed;
    }
}
