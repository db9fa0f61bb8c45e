namespace Upstream.Contracts.Network;

/// <summary>
/// Something staff learnt on a discovery visit to a member: a driver, barrier or enabler of working upstream,
/// with its theme and the New Operating Models dimension it speaks to. Insights gathers these into patterns.
/// </summary>
/// <param name="Kind">driver, barrier or enabler.</param>
/// <param name="Dimension">purpose, mindset, values-and-principles, infrastructure-and-capabilities or outcomes.</param>
/// <param name="Quote">A short quote, present only when its speaker consented to its publication.</param>
public sealed record FindingRecorded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid FindingId,
    Guid VisitId,
    Guid MemberId,
    string CouncilCode,
    string Region,
    IReadOnlyList<string> AreaCharacters,
    DateOnly VisitedOn,
    string Kind,
    string Theme,
    string Dimension,
    string Text,
    string? Quote) : IIntegrationEvent;
