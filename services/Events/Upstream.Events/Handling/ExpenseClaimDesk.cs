using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Events;
using Upstream.Domain.Refusals;
using Upstream.Events.Data;
using Upstream.Events.Domain;
using Upstream.Events.Domain.Expenses;
using Upstream.Messaging.Outbox;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Events.Handling;

/// <summary>
/// Expense claims: a council's members claim for their own attendees; staff approve (never their own), reject and
/// pay; finance reads the totals per event and council.
/// </summary>
public sealed class ExpenseClaimDesk(EventsDb db, IEventOutbox outbox, TimeProvider clock)
{
    public async Task<ExpenseClaim> DraftAsync(Caller caller, Guid programmeEventId, Guid registrationId, IReadOnlyList<ExpenseLine> lines, CancellationToken cancellationToken)
    {
        var (programmeEvent, registration) = await ClaimedForAsync(programmeEventId, registrationId, cancellationToken);
        caller.RequireCouncil(registration.CouncilCode, "claim expenses for the council's attendees");
        var claim = ExpenseClaim.Draft(programmeEvent, registration, lines, caller.Subject, clock.GetUtcNow());
        db.ExpenseClaims.Add(claim);
        await db.SaveAsync("the claim", cancellationToken);
        return claim;
    }

    /// <summary>
    /// Checked against the council's other live claims for the event under the event's row lock, so two claims
    /// submitted at once cannot both fit under the per-event-and-council cap when together they do not.
    /// </summary>
    public async Task<ExpenseClaim> SubmitAsync(Caller caller, Guid claimId, CancellationToken cancellationToken)
    {
        var claim = await FindAsync(claimId, cancellationToken);
        caller.RequireCouncil(claim.CouncilCode, "submit the claim");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var programmeEvent = await db.LockAsync(claim.ProgrammeEventId, cancellationToken);
        var registration = await db.Registrations.FirstAsync(r => r.Id == claim.RegistrationId, cancellationToken);
        ExpenseClaimState[] live = [ExpenseClaimState.Submitted, ExpenseClaimState.Approved, ExpenseClaimState.Paid];
        var claimed = await db.ExpenseClaims
            .Where(c => c.ProgrammeEventId == claim.ProgrammeEventId && c.CouncilCode == claim.CouncilCode && c.Id != claim.Id && live.Contains(c.State))
            .SumAsync(c => c.TotalPence, cancellationToken);
        claim.Submit(programmeEvent, registration, claimed, caller.Subject, clock.GetUtcNow());
        await db.SaveAsync("the claim", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claim;
    }

    public Task<ExpenseClaim> ApproveAsync(Caller caller, Guid claimId, CancellationToken cancellationToken) =>
        DecideAsync(caller, claimId, "approve claims", (claim, now) => claim.Approve(caller.Subject, now), cancellationToken);

    public Task<ExpenseClaim> RejectAsync(Caller caller, Guid claimId, string reason, CancellationToken cancellationToken) =>
        DecideAsync(caller, claimId, "reject claims", (claim, now) => claim.Reject(caller.Subject, reason, now), cancellationToken);

    /// <summary>Once: a second payment is refused by the claim's state, and a reused reference by the database.</summary>
    public async Task<ExpenseClaim> PayAsync(Caller caller, Guid claimId, string paymentReference, CancellationToken cancellationToken)
    {
        caller.RequireStaff("pay claims");
        var claim = await FindAsync(claimId, cancellationToken);
        var now = clock.GetUtcNow();
        claim.Pay(paymentReference, caller.Subject, now);
        outbox.Publish(new ExpenseClaimPaid(Guid.NewGuid(), now, claim.Id, claim.ProgrammeEventId, claim.PersonId, claim.CouncilCode, claim.TotalPence, claim.PaymentReference!), claim.Id.ToString());
        await db.SaveAsync("the claim's payment", cancellationToken);
        return claim;
    }

    /// <summary>A claim someone may not see is reported as missing, so its existence is not given away.</summary>
    public async Task<ExpenseClaim> GetAsync(Caller caller, Guid claimId, CancellationToken cancellationToken)
    {
        caller.RequireStaffOrMember("read claims");
        var claim = await FindAsync(claimId, cancellationToken);
        return caller.ActsFor(claim.CouncilCode) ? claim : throw new NotFoundException($"No expense claim {claimId}.");
    }

    public async Task<IReadOnlyList<ExpenseClaim>> ListAsync(Caller caller, Guid? programmeEventId, CancellationToken cancellationToken)
    {
        caller.RequireStaffOrMember("read claims");
        var claims = db.ExpenseClaims.AsNoTracking();
        if (programmeEventId is { } id)
        {
            claims = claims.Where(c => c.ProgrammeEventId == id);
        }

        if (!caller.IsStaff)
        {
            var council = caller.CouncilCode ?? "";
            claims = claims.Where(c => c.CouncilCode == council);
        }

        return await claims.OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>For finance: each council's submitted, approved and paid pence for the event.</summary>
    public async Task<IReadOnlyList<(string CouncilCode, ExpenseClaimState State, long Pence)>> TotalsAsync(Caller caller, Guid programmeEventId, CancellationToken cancellationToken)
    {
        caller.RequireStaff("read the expense totals");
        var totals = await db.ExpenseClaims
            .Where(c => c.ProgrammeEventId == programmeEventId)
            .GroupBy(c => new { c.CouncilCode, c.State })
            .Select(g => new { g.Key.CouncilCode, g.Key.State, Pence = g.Sum(c => c.TotalPence) })
            .ToListAsync(cancellationToken);
        return [.. totals.Select(t => (t.CouncilCode, t.State, t.Pence))];
    }

    private async Task<ExpenseClaim> DecideAsync(Caller caller, Guid claimId, string action, Action<ExpenseClaim, DateTimeOffset> decide, CancellationToken cancellationToken)
    {
        caller.RequireStaff(action);
        var claim = await FindAsync(claimId, cancellationToken);
        decide(claim, clock.GetUtcNow());
        await db.SaveAsync("the claim", cancellationToken);
        return claim;
    }

    private async Task<(ProgrammeEvent Event, Registration Registration)> ClaimedForAsync(Guid programmeEventId, Guid registrationId, CancellationToken cancellationToken)
    {
        var programmeEvent = await db.ProgrammeEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == programmeEventId, cancellationToken)
            ?? throw new NotFoundException($"No event {programmeEventId}.");
        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == registrationId && r.ProgrammeEventId == programmeEventId, cancellationToken)
            ?? throw new NotFoundException($"No registration {registrationId} for this event.");
        return (programmeEvent, registration);
    }

    private async Task<ExpenseClaim> FindAsync(Guid claimId, CancellationToken cancellationToken) =>
        await db.ExpenseClaims.FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken) ?? throw new NotFoundException($"No expense claim {claimId}.");
}
