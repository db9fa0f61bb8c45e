using Upstream.Domain.Refusals;

namespace Upstream.Events.Domain.Expenses;

public enum ExpenseClaimState
{
    Draft,
    Submitted,
    Approved,
    Rejected,
    Paid,
}

/// <summary>
/// An attendee's claim for a covered event: drafted by its council (or staff), submitted within the policy's caps,
/// approved or rejected by staff other than whoever made it, and paid once with a payment reference.
/// </summary>
public sealed class ExpenseClaim
{
    private ExpenseClaim()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeEventId { get; private set; }

    public Guid RegistrationId { get; private set; }

    public Guid PersonId { get; private set; }

    public string CouncilCode { get; private set; } = "";

    public ExpenseClaimState State { get; private set; }

    public List<ExpenseLine> Lines { get; private set; } = [];

    public long TotalPence { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public string? SubmittedBy { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    public string? PaymentReference { get; private set; }

    public string? PaidBy { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    /// <summary>Only for an event whose expenses are covered, by someone registered who attended it.</summary>
    public static ExpenseClaim Draft(ProgrammeEvent programmeEvent, Registration registration, IReadOnlyList<ExpenseLine> lines, string by, DateTimeOffset now)
    {
        RequireClaimable(programmeEvent, registration);
        var v = new Violations();
        v.Require(lines.Count > 0, "lines", "Claim at least one item.");
        v.Require(lines.All(l => l.AmountPence > 0), "lines", "Every item is claimed in pence, more than nothing.");
        v.ThrowIfAny();
        return new ExpenseClaim
        {
            Id = Guid.CreateVersion7(now),
            ProgrammeEventId = programmeEvent.Id,
            RegistrationId = registration.Id,
            PersonId = registration.PersonId,
            CouncilCode = registration.CouncilCode,
            State = ExpenseClaimState.Draft,
            Lines = [.. lines],
            TotalPence = lines.Sum(l => l.AmountPence),
            CreatedBy = by,
            CreatedAt = now,
        };
    }

    /// <param name="councilClaimedPence">What the council's other live claims for this event already come to.</param>
    public void Submit(ProgrammeEvent programmeEvent, Registration registration, long councilClaimedPence, string by, DateTimeOffset now)
    {
        RequireState(ExpenseClaimState.Draft, "submitted");
        RequireClaimable(programmeEvent, registration);
        ExpensePolicy.Check(Lines, programmeEvent.Days.Count).ThrowIfAny();
        if (councilClaimedPence + TotalPence > ExpensePolicy.PerEventAndCouncilPence)
        {
            throw new DomainRuleException(
                "expense_policy.per_event_and_council",
                $"{CouncilCode}'s claims for this event would come to {ExpensePolicy.Describe(councilClaimedPence + TotalPence)}, above the policy's {ExpensePolicy.Describe(ExpensePolicy.PerEventAndCouncilPence)} per event and council.");
        }

        State = ExpenseClaimState.Submitted;
        SubmittedBy = by;
        SubmittedAt = now;
    }

    public void Approve(string by, DateTimeOffset now)
    {
        RequireState(ExpenseClaimState.Submitted, "approved");
        RequireNotOwn(by, "approve");
        State = ExpenseClaimState.Approved;
        DecidedBy = by;
        DecidedAt = now;
    }

    public void Reject(string by, string reason, DateTimeOffset now)
    {
        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(reason), "reason", "Say why the claim is rejected.");
        v.ThrowIfAny();
        RequireState(ExpenseClaimState.Submitted, "rejected");
        RequireNotOwn(by, "reject");
        State = ExpenseClaimState.Rejected;
        RejectionReason = reason.Trim();
        DecidedBy = by;
        DecidedAt = now;
    }

    public void Pay(string paymentReference, string by, DateTimeOffset now)
    {
        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(paymentReference), "payment_reference", "Give the payment's reference.");
        v.ThrowIfAny();
        if (State == ExpenseClaimState.Paid)
        {
            throw new DomainRuleException("expense_claim.paid", $"This claim was already paid ({PaymentReference}).");
        }

        RequireState(ExpenseClaimState.Approved, "paid");
        State = ExpenseClaimState.Paid;
        PaymentReference = paymentReference.Trim();
        PaidBy = by;
        PaidAt = now;
    }

    private static void RequireClaimable(ProgrammeEvent programmeEvent, Registration registration)
    {
        if (!programmeEvent.ExpensesCovered)
        {
            throw new DomainRuleException("programme_event.expenses", $"\"{programmeEvent.Title}\" does not cover expenses.");
        }

        if (registration.State != RegistrationState.Confirmed || registration.DaysAttended.Count == 0)
        {
            throw new DomainRuleException("expense_claim.attended", "Only someone who attended the event may claim for it.");
        }
    }

    private void RequireState(ExpenseClaimState expected, string becoming)
    {
        if (State != expected)
        {
            throw new DomainRuleException("expense_claim.state", $"A {State.ToString().ToLowerInvariant()} claim cannot be {becoming}.");
        }
    }

    private void RequireNotOwn(string by, string action)
    {
        if (by == CreatedBy || by == SubmittedBy)
        {
            throw new PermissionDeniedException($"You made this claim, so someone else must {action} it.");
        }
    }
}
