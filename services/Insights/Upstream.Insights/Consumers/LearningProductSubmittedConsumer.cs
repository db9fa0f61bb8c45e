using Upstream.Contracts.Network;
using Upstream.Insights.Domain;
using Upstream.Messaging.Inbox;

namespace Upstream.Insights.Consumers;

/// <summary>A workgroup's learning product; keyed to its first contributing council's region.</summary>
public sealed class LearningProductSubmittedConsumer(EvidenceStore store) : IEventConsumer<LearningProductSubmitted>
{
    public async Task ConsumeAsync(LearningProductSubmitted product, CancellationToken cancellationToken)
    {
        var councils = product.ContributingCouncilCodes.Select(EvidenceStore.Code).ToList();
        var lead = councils.Count > 0 ? await store.MemberAsync(councils[0], cancellationToken) : null;
        var text = $"{product.Title}: {product.Summary}";
        await store.AddAsync(Evidence.Of(EvidenceSource.LearningProduct, product.SubmissionId, councils, lead, await store.PhaseAsync(cancellationToken), product.Theme, text, product.OccurredAt), cancellationToken);
    }
}
