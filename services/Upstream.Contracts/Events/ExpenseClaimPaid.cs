namespace Upstream.Contracts.Events;

/// <summary>An attendee's expense claim for a programme event was paid, once, under this payment reference.</summary>
public sealed record ExpenseClaimPaid(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ClaimId,
    Guid ProgrammeEventId,
    Guid PersonId,
    string CouncilCode,
    long AmountPence,
    string PaymentReference) : IIntegrationEvent;
