using Upstream.Contracts.Grants;
using Upstream.Insights.Domain;
using Upstream.Messaging.Inbox;

namespace Upstream.Insights.Consumers;

/// <summary>A tranche paid: counted in the programme at a glance (pence paid). Each tranche is its own event.</summary>
public sealed class GrantPaidConsumer(EvidenceStore store) : IEventConsumer<GrantPaid>
{
    public async Task ConsumeAsync(GrantPaid paid, CancellationToken cancellationToken)
    {
        var lead = await store.MemberAsync(paid.LeadCouncilCode, cancellationToken);
        var evidence = Evidence.Of(EvidenceSource.GrantPayment, paid.EventId, [EvidenceStore.Code(paid.LeadCouncilCode)], lead, await store.PhaseAsync(cancellationToken), "", paid.PaymentReference, paid.OccurredAt);
        await store.AddAsync(evidence.WithAmount(paid.AmountPence), cancellationToken);
    }
}
