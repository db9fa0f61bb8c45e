using Grpc.Core;
using Upstream.Contracts.Events;
using Upstream.Domain.Time;
using Upstream.Events.V1;

namespace Upstream.Integration.Tests.Events;

/// <summary>Check-in per day (staff, or the member on the day); days without one become no-shows when the event closes.</summary>
public sealed class AttendanceTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Check_ins_are_recorded_per_day_and_closing_records_each_missed_day_as_a_no_show()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        await using var tap = await EventsHost.TapAsync(events.Host.Broker);
        var birmingham = await events.JoinAsync("BIR");
        var residential = await events.ScheduleAsync(EventsHost.Residential());
        var ada = await events.RegisterAsync(residential, "BIR", birmingham[0]);
        var ben = await events.RegisterAsync(residential, "BIR", birmingham[1]);
        CheckInToEventRequest CheckIn(EventRegistration r, string day) => new() { ProgrammeEventId = residential.ProgrammeEventId, RegistrationId = r.RegistrationId, Day = day };

        // Day one at the venue: Ada checks herself in; she cannot check in for tomorrow, nor twice.
        events.Clock.Now = ProgrammeTime.ToInstant(new DateTime(2026, 5, 12, 9, 45, 0));
        await events.Registrations.CheckInToEventAsync(CheckIn(ada, "2026-05-12"), events.Member("BIR"));
        var early = await Assert.ThrowsAsync<RpcException>(() => events.Registrations.CheckInToEventAsync(CheckIn(ada, "2026-05-13"), events.Member("BIR")).ResponseAsync);
        var twice = await Assert.ThrowsAsync<RpcException>(() => events.Registrations.CheckInToEventAsync(CheckIn(ada, "2026-05-12"), events.Staff).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, StatusCode.FailedPrecondition), (early.StatusCode, twice.StatusCode));

        // Day two: staff check Ben in. Closing before the end is refused.
        events.Clock.Now = ProgrammeTime.ToInstant(new DateTime(2026, 5, 13, 9, 30, 0));
        await events.Registrations.CheckInToEventAsync(CheckIn(ben, "2026-05-13"), events.Staff);
        var open = await Assert.ThrowsAsync<RpcException>(() => events.Events.CloseProgrammeEventAsync(new CloseProgrammeEventRequest { ProgrammeEventId = residential.ProgrammeEventId }, events.Staff).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, open.StatusCode);

        events.Clock.Now = ProgrammeTime.ToInstant(new DateTime(2026, 5, 13, 17, 0, 0));
        var closed = await events.Events.CloseProgrammeEventAsync(new CloseProgrammeEventRequest { ProgrammeEventId = residential.ProgrammeEventId }, events.Staff);

        Assert.Equal(ProgrammeEventState.Closed, closed.State);
        var registrations = (await events.Registrations.ListEventRegistrationsAsync(new ListEventRegistrationsRequest { ProgrammeEventId = residential.ProgrammeEventId }, events.Staff)).Registrations;
        Assert.Equal(
            [(ada.RegistrationId, "2026-05-12", "2026-05-13"), (ben.RegistrationId, "2026-05-13", "2026-05-12")],
            registrations.OrderBy(r => r.RegistrationId == ada.RegistrationId ? 0 : 1).Select(r => (r.RegistrationId, Assert.Single(r.DaysAttended), Assert.Single(r.DaysMissed))));
        var recorded = await tap.WaitForAsync<AttendanceRecorded>(4);
        Assert.Equal(
            [(birmingham[0], new DateOnly(2026, 5, 12), true), (birmingham[0], new DateOnly(2026, 5, 13), false), (birmingham[1], new DateOnly(2026, 5, 12), false), (birmingham[1], new DateOnly(2026, 5, 13), true)],
            recorded.Select(a => (a.PersonId, a.Day, a.Attended)).OrderBy(a => a.PersonId == birmingham[0] ? 0 : 1).ThenBy(a => a.Day));
        Assert.All(recorded, a => Assert.Equal(("BIR", "residential", "Spring residential"), (a.CouncilCode, a.Kind, a.Title)));

        // A closed event changes no more.
        var after = await Assert.ThrowsAsync<RpcException>(() => events.Registrations.CheckInToEventAsync(CheckIn(ben, "2026-05-12"), events.Staff).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, after.StatusCode);
    }
}
