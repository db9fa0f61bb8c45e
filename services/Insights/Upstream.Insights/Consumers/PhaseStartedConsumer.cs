using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Network;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;
using Upstream.Messaging.Inbox;

namespace Upstream.Insights.Consumers;

/// <summary>The programme moved phase: evidence arriving from now on is counted under it.</summary>
public sealed class PhaseStartedConsumer(InsightsDb db) : IEventConsumer<PhaseStarted>
{
    public async Task ConsumeAsync(PhaseStarted started, CancellationToken cancellationToken)
    {
        var current = await db.Phase.SingleOrDefaultAsync(cancellationToken); // one row at most: its id is always 1
        if (current is null)
        {
            db.Phase.Add(ProgrammePhase.Started(started.Phase, started.OccurredAt));
        }
        else
        {
            current.Move(started.Phase, started.OccurredAt);
        }
    }
}
