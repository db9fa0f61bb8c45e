namespace Upstream.Contracts.Events;

/// <summary>
/// Whether a registered person attended one day of a programme event: a check-in, or a no-show recorded when the
/// event closed. Insights counts these per council, theme and region; it carries no personal data beyond the ids.
/// </summary>
/// <param name="Kind">residential, roundtable or other.</param>
/// <param name="Day">The Europe/London date of the day attended (or missed).</param>
/// <param name="Attended">False for a no-show.</param>
public sealed record AttendanceRecorded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ProgrammeEventId,
    string Title,
    string Kind,
    DateOnly Day,
    Guid PersonId,
    string CouncilCode,
    bool Attended) : IIntegrationEvent;
