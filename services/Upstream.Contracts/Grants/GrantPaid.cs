namespace Upstream.Contracts.Grants;

/// <summary>A tranche of a grant was paid; <paramref name="PaidToDatePence"/> never exceeds the award.</summary>
public sealed record GrantPaid(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid GrantId,
    string LeadCouncilCode,
    string PaymentReference,
    long AmountPence,
    long PaidToDatePence) : IIntegrationEvent;
