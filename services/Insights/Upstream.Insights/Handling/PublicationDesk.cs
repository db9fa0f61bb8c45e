using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Insights;
using Upstream.Domain.Refusals;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;
using Upstream.Messaging.Outbox;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Insights.Handling;

/// <summary>Insight pieces: staff write, review, publish and retract them; anyone reads what is published.</summary>
public sealed class PublicationDesk(InsightsDb db, IEventOutbox outbox, WebhookQueue webhooks, TimeProvider clock)
{
    public async Task<Publication> DraftAsync(Caller caller, PublicationDraft draft, CancellationToken cancellationToken)
    {
        caller.RequireStaff("write insight");
        var publication = Publication.Draft(PublicationText.From(draft), caller.Subject, clock.GetUtcNow());
        db.Publications.Add(publication);
        await db.SaveAsync("the publication", cancellationToken);
        return publication;
    }

    public Task<Publication> ReviseAsync(Caller caller, Guid id, PublicationDraft draft, CancellationToken cancellationToken) =>
        ChangeAsync(caller, id, "revise insight", p => p.Revise(PublicationText.From(draft), clock.GetUtcNow()), cancellationToken);

    public Task<Publication> SubmitForReviewAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(caller, id, "submit insight for review", p => p.SubmitForReview(clock.GetUtcNow()), cancellationToken);

    /// <summary>
    /// Announced on the broker and queued for every partner's webhook that asked for publications, in the same transaction as the change, so a
    /// published piece is never missing from either; deliveries to a disabled subscription wait until it is enabled.
    /// </summary>
    public async Task<Publication> PublishAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var subscribers = await webhooks.SubscribersAsync(WebhookEventTypes.InsightPublished, cancellationToken);
        var feedSubscribers = await FeedSubscribersAsync(cancellationToken);
        return await ChangeAsync(caller, id, "publish insight", p =>
        {
            var now = clock.GetUtcNow();
            p.Publish(now);
            var published = new InsightPublished(Guid.NewGuid(), now, p.Id, p.Title, p.Summary, p.Theme, PublicationLinks.Path(p.Id));
            outbox.Publish(published, p.Id.ToString());
            webhooks.Add(subscribers, WebhookEventTypes.InsightPublished, WebhookPayloads.Of(published));
            db.WebSubTasks.AddRange(feedSubscribers.Select(s => WebSubTask.For(s, WebSubTaskKind.Distribute, now)));
        }, cancellationToken);
    }

    /// <summary>The feeds change (the piece is marked retracted), so their WebSub subscribers get them again.</summary>
    public async Task<Publication> RetractAsync(Caller caller, Guid id, string reason, CancellationToken cancellationToken)
    {
        var feedSubscribers = await FeedSubscribersAsync(cancellationToken);
        return await ChangeAsync(caller, id, "retract insight", p =>
        {
            var now = clock.GetUtcNow();
            p.Retract(reason, now);
            db.WebSubTasks.AddRange(feedSubscribers.Select(s => WebSubTask.For(s, WebSubTaskKind.Distribute, now)));
        }, cancellationToken);
    }

    /// <summary>A draft is nobody's business but staff's: to anyone else it does not exist.</summary>
    public async Task<Publication> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var publication = await db.Publications.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return publication is not null && (publication.IsPublic || caller.IsStaff) ? publication : throw new NotFoundException($"No publication {id}.");
    }

    /// <summary>Newest change first; staff see every state, everyone else published and retracted pieces.</summary>
    public async Task<IReadOnlyList<Publication>> ListAsync(Caller caller, CancellationToken cancellationToken) =>
        await db.Publications.AsNoTracking()
            .Where(p => caller.IsStaff || p.State == PublicationState.Published || p.State == PublicationState.Retracted)
            .OrderByDescending(p => p.UpdatedAt).ToListAsync(cancellationToken);

    private async Task<List<Guid>> FeedSubscribersAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.WebSubSubscriptions.AsNoTracking().Where(s => s.State == WebSubState.Active && s.LeaseExpiresAt > now).Select(s => s.Id).ToListAsync(cancellationToken);
    }

    private async Task<Publication> ChangeAsync(Caller caller, Guid id, string action, Action<Publication> change, CancellationToken cancellationToken)
    {
        caller.RequireStaff(action);
        var publication = await db.Publications.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException($"No publication {id}.");
        change(publication);
        await db.SaveAsync("the publication", cancellationToken);
        return publication;
    }
}
