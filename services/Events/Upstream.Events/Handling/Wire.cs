using Upstream.Contracts.Events;
using Upstream.Events.Domain;

namespace Upstream.Events.Handling;

/// <summary>How the integration events spell what they carry.</summary>
internal static class Wire
{
    /// <summary>residential, roundtable or other, as EventScheduled and AttendanceRecorded document.</summary>
    public static string Kind(ProgrammeEventKind kind) => kind.ToString().ToLowerInvariant();

    public static AttendanceRecorded Attendance(ProgrammeEvent programmeEvent, Registration registration, DateOnly day, bool attended, DateTimeOffset now) =>
        new(Guid.NewGuid(), now, programmeEvent.Id, programmeEvent.Title, Kind(programmeEvent.Kind), day, registration.PersonId, registration.CouncilCode, attended);
}
