using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Grants;
using Upstream.Domain.Refusals;
using Upstream.Domain.Time;
using Upstream.Grants.Data;
using Upstream.Grants.Domain;
using Upstream.Messaging.Outbox;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Grants.Handling;

/// <summary>Awarded grants: read by their councils, staff and partners; paid by staff; reported on by the grantee.</summary>
public sealed class GrantDesk(GrantsDb db, IEventOutbox outbox, TimeProvider clock)
{
    public async Task<Grant> GetAsync(Caller caller, Guid grantId, CancellationToken cancellationToken)
    {
        caller.RequireSignedIn("read grants");
        var grant = await FindAsync(grantId, cancellationToken);
        return Access.MaySeeGrant(caller, grant.Councils) ? grant : throw new NotFoundException($"No grant {grantId}.");
    }

    public async Task<IReadOnlyList<Grant>> ListAsync(Caller caller, Guid fundId, CancellationToken cancellationToken)
    {
        caller.RequireSignedIn("read grants");
        var grants = await db.Grants.AsNoTracking().Where(g => g.FundId == fundId).OrderBy(g => g.AwardedAt).ToListAsync(cancellationToken);
        return [.. grants.Where(g => Access.MaySeeGrant(caller, g.Councils))];
    }

    /// <summary>
    /// A tranche: never beyond the award (the domain refuses it, the grants table's CHECK backs it), and the fund's paid
    /// total raised atomically in the same transaction (its CHECK keeps it within what was committed).
    /// </summary>
    public async Task<Grant> RecordPaymentAsync(Caller caller, Guid grantId, string paymentReference, long amountPence, CancellationToken cancellationToken)
    {
        caller.RequireStaff("record payments");
        var grant = await FindAsync(grantId, cancellationToken);
        var now = clock.GetUtcNow();
        var tranche = grant.Pay(paymentReference, amountPence, caller.Subject, now);
        outbox.Publish(new GrantPaid(Guid.NewGuid(), now, grant.Id, grant.LeadCouncilCode, tranche.PaymentReference, tranche.AmountPence, grant.PaidPence), grant.Id.ToString());

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Funds.Where(f => f.Id == grant.FundId).ExecuteUpdateAsync(f => f.SetProperty(x => x.PaidPence, x => x.PaidPence + tranche.AmountPence), cancellationToken);
        await db.SaveAsync("the grant", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return grant;
    }

    /// <summary>Only the grant's own councils report on it; anyone else is refused, nothing changed.</summary>
    public async Task<Grant> SubmitReportAsync(Caller caller, Guid grantId, Guid reportId, string whatWasTried, string results, string reusableByOthers, CancellationToken cancellationToken)
    {
        var grant = await FindAsync(grantId, cancellationToken);
        Access.RequireCouncil(caller, grant.Councils, "report on this grant");
        var now = clock.GetUtcNow();
        var report = grant.SubmitReport(reportId, whatWasTried, results, reusableByOthers, now);
        outbox.Publish(new GrantReportSubmitted(Guid.NewGuid(), now, grant.Id, report.Id, grant.LeadCouncilCode, report.DueOn), grant.Id.ToString());
        await db.SaveAsync("the grant", cancellationToken);
        return grant;
    }

    public Task<Grant> AcceptReportAsync(Caller caller, Guid grantId, Guid reportId, CancellationToken cancellationToken) =>
        ReviewReportAsync(caller, grantId, grant => grant.AcceptReport(reportId), cancellationToken);

    public Task<Grant> SendBackReportAsync(Caller caller, Guid grantId, Guid reportId, string note, CancellationToken cancellationToken) =>
        ReviewReportAsync(caller, grantId, grant => grant.SendBackReport(reportId, note), cancellationToken);

    /// <summary>Reports past their London due date with nothing submitted (or sent back and not redone).</summary>
    public async Task<IReadOnlyList<(Grant Grant, EvidenceReport Report)>> OverdueAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.RequireStaff("list overdue reports");
        var today = DateOnly.FromDateTime(ProgrammeTime.ToLondon(clock.GetUtcNow()));
        var grants = await db.Grants.AsNoTracking().OrderBy(g => g.AwardedAt).ToListAsync(cancellationToken);
        return [.. grants.SelectMany(g => g.Reports.Where(r => r.IsOverdue(today)).Select(r => (g, r)))];
    }

    private async Task<Grant> ReviewReportAsync(Caller caller, Guid grantId, Action<Grant> review, CancellationToken cancellationToken)
    {
        caller.RequireStaff("review reports");
        var grant = await FindAsync(grantId, cancellationToken);
        review(grant);
        await db.SaveAsync("the grant", cancellationToken);
        return grant;
    }

    private async Task<Grant> FindAsync(Guid grantId, CancellationToken cancellationToken) =>
        await db.Grants.FirstOrDefaultAsync(g => g.Id == grantId, cancellationToken) ?? throw new NotFoundException($"No grant {grantId}.");
}
