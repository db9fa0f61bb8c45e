namespace Upstream.Contracts.Network;

/// <summary>A council's membership ended: it can no longer register for events or apply for grants.</summary>
public sealed record MemberLeft(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid MemberId,
    string CouncilCode,
    string Reason) : IIntegrationEvent;
