using Upstream.Contracts.Grants;
using Upstream.Insights.Domain;
using Upstream.Messaging.Inbox;

namespace Upstream.Insights.Consumers;

/// <summary>An award: counted in the programme at a glance (grants awarded, pence committed).</summary>
public sealed class GrantAwardedConsumer(EvidenceStore store) : IEventConsumer<GrantAwarded>
{
    public async Task ConsumeAsync(GrantAwarded award, CancellationToken cancellationToken)
    {
        var councils = award.PartnerCouncilCodes.Prepend(award.LeadCouncilCode).Select(EvidenceStore.Code).ToList();
        var lead = await store.MemberAsync(award.LeadCouncilCode, cancellationToken);
        var evidence = Evidence.Of(EvidenceSource.GrantAward, award.GrantId, councils, lead, await store.PhaseAsync(cancellationToken), "", award.Title, award.OccurredAt);
        await store.AddAsync(evidence.WithAmount(award.AwardedPence), cancellationToken);
    }
}
