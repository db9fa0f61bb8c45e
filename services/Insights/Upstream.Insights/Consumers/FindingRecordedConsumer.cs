using Upstream.Contracts.Network;
using Upstream.Insights.Domain;
using Upstream.Messaging.Inbox;

namespace Upstream.Insights.Consumers;

/// <summary>A discovery finding: a driver, barrier or enabler with its theme and framework dimension, and any consented quote.</summary>
public sealed class FindingRecordedConsumer(EvidenceStore store) : IEventConsumer<FindingRecorded>
{
    public async Task ConsumeAsync(FindingRecorded finding, CancellationToken cancellationToken)
    {
        var phase = await store.PhaseAsync(cancellationToken);
        var evidence = Evidence.Finding(
            finding.FindingId, EvidenceStore.Code(finding.CouncilCode), finding.Region, finding.AreaCharacters, phase,
            finding.Kind, finding.Theme, finding.Dimension, finding.Text, finding.Quote, finding.OccurredAt);
        await store.AddAsync(evidence, cancellationToken);
    }
}
