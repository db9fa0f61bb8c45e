using Upstream.Contracts.Events;
using Upstream.Insights.Domain;
using Upstream.Messaging.Inbox;

namespace Upstream.Insights.Consumers;

/// <summary>One person's attendance (or no-show) on one day of an event; the event's title is its text, its kind its theme.</summary>
public sealed class AttendanceRecordedConsumer(EvidenceStore store) : IEventConsumer<AttendanceRecorded>
{
    public async Task ConsumeAsync(AttendanceRecorded attendance, CancellationToken cancellationToken)
    {
        var member = await store.MemberAsync(attendance.CouncilCode, cancellationToken);
        var evidence = Evidence.Of(EvidenceSource.Attendance, attendance.EventId, [EvidenceStore.Code(attendance.CouncilCode)], member, await store.PhaseAsync(cancellationToken), attendance.Kind, attendance.Title, attendance.OccurredAt)
            .WithAttendance(attendance.ProgrammeEventId, attendance.PersonId, attendance.Attended);
        await store.AddAsync(evidence, cancellationToken);
    }
}
