using Upstream.Contracts.Network;
using Upstream.Insights.Domain;
using Upstream.Insights.Handling;
using Upstream.Messaging.Inbox;

namespace Upstream.Insights.Consumers;

/// <summary>
/// A discovery finding: a driver, barrier or enabler with its theme and framework dimension, and any consented quote.
/// Partners who asked for findings are told of it, with the evidence in the same transaction.
/// </summary>
public sealed class FindingRecordedConsumer(EvidenceStore store, WebhookQueue webhooks) : IEventConsumer<FindingRecorded>
{
    public async Task ConsumeAsync(FindingRecorded finding, CancellationToken cancellationToken)
    {
        var phase = await store.PhaseAsync(cancellationToken);
        var evidence = Evidence.Finding(
            finding.FindingId, EvidenceStore.Code(finding.CouncilCode), finding.Region, finding.AreaCharacters, phase,
            finding.Kind, finding.Theme, finding.Dimension, finding.Text, finding.Quote, finding.OccurredAt);
        if (await store.AddAsync(evidence, cancellationToken))
        {
            await webhooks.AddAsync(WebhookEventTypes.FindingRecorded, WebhookPayloads.Of(finding), cancellationToken);
        }
    }
}
