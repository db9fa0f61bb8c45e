using Grpc.Core;
using Upstream.Contracts.Events;
using Upstream.Domain.Time;
using Upstream.Events.V1;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Integration.Tests.Events;

/// <summary>Staff change an event before it starts: the waiting list gains any new places, calendars update, what is taken holds.</summary>
public sealed class RevisionTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task More_capacity_promotes_the_waiting_list_and_the_calendar_entry_takes_the_new_time()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        await using var tap = await EventsHost.TapAsync(events.Host.Broker);
        var birmingham = await events.JoinAsync("BIR");
        var manchester = await events.JoinAsync("MAN");
        var residential = await events.ScheduleAsync(EventsHost.Residential(capacity: 1));
        await events.RegisterAsync(residential, "BIR", birmingham[0]);
        var waiting = await events.RegisterAsync(residential, "MAN", manchester[0]);
        Assert.Equal(EventRegistrationState.Waitlisted, waiting.State);

        var details = EventsHost.Residential(capacity: 2);
        details.StartsAt = "2026-05-12T11:00";
        details.Sessions[0].StartsAt = "2026-05-12T11:00";
        details.Sessions[0].EndsAt = "2026-05-12T12:00";
        var revised = await events.Events.ReviseProgrammeEventAsync(new ReviseProgrammeEventRequest { ProgrammeEventId = residential.ProgrammeEventId, Details = details }, events.Staff);

        Assert.Equal((2, 1), (revised.Capacity, revised.Sequence));
        var promoted = Assert.Single(await tap.WaitForAsync<WaitlistPromoted>(1));
        Assert.Equal(Guid.Parse(waiting.RegistrationId), promoted.RegistrationId);
        var file = await CalendarReader.ReadAsync(events, $"/v1/events/{residential.ProgrammeEventId}/calendar", events.Host.Token("staff-1", Roles.Staff));
        var entry = file.GetProperty("events").EnumerateArray().First();
        Assert.Equal(("2026-05-12T11:00:00+01:00", 1), (entry.GetProperty("start").GetString(), entry.GetProperty("sequence").GetInt32()));

        // Fewer places than are confirmed: refused, the event as it was.
        var tooSmall = await Assert.ThrowsAsync<RpcException>(() => events.Events.ReviseProgrammeEventAsync(
            new ReviseProgrammeEventRequest { ProgrammeEventId = residential.ProgrammeEventId, Details = EventsHost.Residential(capacity: 1) }, events.Staff).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, tooSmall.StatusCode);

        // Once it has started, it cannot be changed.
        events.Clock.Now = ProgrammeTime.ToInstant(new DateTime(2026, 5, 12, 12, 0, 0));
        var started = await Assert.ThrowsAsync<RpcException>(() => events.Events.ReviseProgrammeEventAsync(
            new ReviseProgrammeEventRequest { ProgrammeEventId = residential.ProgrammeEventId, Details = EventsHost.Residential(capacity: 3) }, events.Staff).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, started.StatusCode);
        var now = await events.Events.GetProgrammeEventAsync(new GetProgrammeEventRequest { ProgrammeEventId = residential.ProgrammeEventId }, events.Staff);
        Assert.Equal((2, 1), (now.Capacity, now.Sequence));
    }
}
