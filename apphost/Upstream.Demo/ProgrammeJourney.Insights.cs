using System.Diagnostics;
using Upstream.Insights.V1;

namespace Upstream.Demo;

/// <summary>Insight pieces written, reviewed and published; a partner subscribed to hear of them.</summary>
public sealed partial class ProgrammeJourney
{
    private async Task<WebhookSubscription?> SubscribePartnerAsync(CancellationToken cancellationToken)
    {
        if (_options.WebhookReceiver is not { } receiver)
        {
            return null;
        }

        // Insights refuses callbacks into our own network unless staff allow the host: the receiver is on loopback.
        var webhooks = new WebhookService.WebhookServiceClient(gateway);
        await webhooks.AllowCallbackHostAsync(new AllowCallbackHostRequest { Host = receiver.Host }, callers.Staff, cancellationToken: cancellationToken);
        var subscription = await webhooks.CreateWebhookSubscriptionAsync(
            new CreateWebhookSubscriptionRequest { Details = new WebhookSubscriptionDetails { Url = receiver.ToString(), Description = "The partner's insight inbox", EventTypes = { "insight.published", "finding.recorded" } } },
            callers.Partner,
            cancellationToken: cancellationToken);
        progress.Report($"A partner subscribed its webhook receiver ({subscription.SubscriptionId}).");
        return subscription;
    }

    private async Task<InsightsPublished> PublishInsightAsync(CancellationToken cancellationToken)
    {
        var publications = new PublicationService.PublicationServiceClient(gateway);
        var published = new List<string>();
        var trace = ActivityTraceId.CreateRandom();
        foreach (var (title, summary, theme) in new[]
        {
            ("What stops councils working upstream", "Early findings from the discovery visits: annual budgets and unshared data hold councils back; leadership and local partners help.", "barriers"),
            ("Testing prevention: the first grants", "Three experiments funded, from text nudges to housing advice in GP surgeries, and what they will tell other councils.", "experimentation"),
        })
        {
            var draft = await publications.DraftPublicationAsync(new DraftPublicationRequest { Details = Piece(title, summary, theme) }, callers.Staff, cancellationToken: cancellationToken);
            await publications.SubmitPublicationForReviewAsync(new SubmitPublicationForReviewRequest { PublicationId = draft.PublicationId }, callers.Staff, cancellationToken: cancellationToken);

            // The last publication in a trace of our own choosing: the dashboard follows it to the webhook delivery.
            var reviewer = published.Count == 1 ? JourneyCallers.Traced(callers.Reviewer(1), trace) : callers.Reviewer(1);
            await publications.PublishPublicationAsync(new PublishPublicationRequest { PublicationId = draft.PublicationId }, reviewer, cancellationToken: cancellationToken);
            published.Add(draft.PublicationId);
        }

        var next = await publications.DraftPublicationAsync(
            new DraftPublicationRequest { Details = Piece("Workgroups: what the cohort is making together", "Three workgroups and their learning products (a draft, still being written).", "workgroups") },
            callers.Staff,
            cancellationToken: cancellationToken);
        progress.Report($"Insight: {published.Count} pieces published (the last in trace {trace}), one still in draft.");
        return new InsightsPublished(published, next.PublicationId, trace);
    }

    private static PublicationDetails Piece(string title, string summary, string theme) => new()
    {
        Title = title,
        Summary = summary,
        Theme = theme,
        Markdown = $"# {title}\n\n{summary}\n\nFrom the Upstream Collaborative's programme team.",
    };

    private sealed record InsightsPublished(IReadOnlyList<string> PublishedIds, string DraftId, ActivityTraceId Trace);
}
