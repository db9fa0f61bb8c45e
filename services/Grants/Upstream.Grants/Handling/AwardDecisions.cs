using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Grants;
using Upstream.Domain.Refusals;
using Upstream.Grants.Data;
using Upstream.Grants.Domain;
using Upstream.Messaging.Outbox;
using Upstream.ServiceDefaults.Batching;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Grants.Handling;

/// <summary>An award asked for by a member of staff; an amount of 0 means the amount requested.</summary>
public sealed record AwardAsk(Guid RequestId, long AmountPence, string By, string Reason, IReadOnlyList<string> Conditions, IReadOnlyList<DateOnly> ReportDueDates);

/// <summary>
/// Decides the awards queued for one fund together: the fund's row lock taken once, the batch's requests and their
/// declared conflicts of interest read once, each award decided in arrival order against the running committed total
/// (granted, or refused on its own when its decider has a conflict, its input is unsound, it does not fit or its
/// request was decided meanwhile; not decided if its caller has gone by then), all saved with their outbox events in
/// one commit. The lock still orders batches across replicas, and the table's CHECK refuses any total beyond the fund
/// whatever the code does.
/// </summary>
public sealed class AwardDecisions(GrantsDb db, IEventOutbox outbox, TimeProvider clock) : IBatchDecider<Guid, AwardAsk, Grant>
{
    public async Task<IReadOnlyList<Decision<Grant>>> DecideAsync(Guid fundId, IReadOnlyList<Batched<AwardAsk>> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var fund = await db.Funds.FromSqlInterpolated($"SELECT *, xmin FROM funds WHERE id = {fundId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No fund {fundId}.");
        var ids = batch.Select(b => b.Request.RequestId).Distinct().ToList();
        var requests = await db.GrantRequests.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var conflicted = (await db.Assessments.AsNoTracking()
            .Where(a => ids.Contains(a.RequestId) && a.ConflictOfInterest != null)
            .Select(a => new { a.RequestId, a.Assessor })
            .ToListAsync(cancellationToken)).Select(a => (a.RequestId, a.Assessor)).ToHashSet();

        var decisions = new List<Decision<Grant>>(batch.Count);
        foreach (var queued in batch)
        {
            decisions.Add(queued.Decide(ask =>
            {
                var request = requests.GetValueOrDefault(ask.RequestId) ?? throw new NotFoundException($"No grant request {ask.RequestId}.");
                if (conflicted.Contains((request.Id, ask.By)))
                {
                    throw Assessment.ConflictedDecider();
                }

                var now = clock.GetUtcNow();
                var amount = ask.AmountPence == 0 ? request.AmountPence : ask.AmountPence;
                var grant = Grant.Award(fund, request, amount, ask.By, ask.Reason, ask.Conditions, ask.ReportDueDates, now);
                db.Grants.Add(grant);
                outbox.Publish(
                    new GrantAwarded(Guid.NewGuid(), now, grant.Id, request.Id, fund.Id, grant.LeadCouncilCode, [.. grant.PartnerCouncilCodes], grant.Title, grant.AwardedPence),
                    request.Id.ToString());
                return grant;
            }));
        }

        await db.SaveAsync("the request", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return decisions;
    }
}
