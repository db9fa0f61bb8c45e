using Grpc.Core;
using Upstream.Contracts.Events;
using Upstream.Events.V1;

namespace Upstream.Integration.Tests.Events;

/// <summary>Beyond capacity people wait; a place freed goes to the first waiting; a cancelled event releases everyone.</summary>
public sealed class WaitingListTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_cancelled_place_promotes_the_first_on_the_waiting_list_in_order()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        await using var tap = await EventsHost.TapAsync(events.Host.Broker);
        var birmingham = await events.JoinAsync("BIR");
        var manchester = await events.JoinAsync("MAN");
        var leeds = await events.JoinAsync("LDS");
        var residential = await events.ScheduleAsync(EventsHost.Residential(capacity: 1));

        var first = await events.RegisterAsync(residential, "BIR", birmingham[0], dietaryNeeds: "Vegan");
        events.Clock.Now += TimeSpan.FromMinutes(1);
        var second = await events.RegisterAsync(residential, "MAN", manchester[0]);
        events.Clock.Now += TimeSpan.FromMinutes(1);
        var third = await events.RegisterAsync(residential, "LDS", leeds[0]);
        Assert.Equal([EventRegistrationState.Confirmed, EventRegistrationState.Waitlisted, EventRegistrationState.Waitlisted], [first.State, second.State, third.State]);

        await events.Registrations.CancelEventRegistrationAsync(new CancelEventRegistrationRequest { ProgrammeEventId = residential.ProgrammeEventId, RegistrationId = first.RegistrationId }, events.Member("BIR"));

        var listed = (await events.Registrations.ListEventRegistrationsAsync(new ListEventRegistrationsRequest { ProgrammeEventId = residential.ProgrammeEventId }, events.Staff)).Registrations;
        Assert.Equal(
            [(first.RegistrationId, EventRegistrationState.Cancelled), (second.RegistrationId, EventRegistrationState.Confirmed), (third.RegistrationId, EventRegistrationState.Waitlisted)],
            listed.Select(r => (r.RegistrationId, r.State)));
        var promoted = Assert.Single(await tap.WaitForAsync<WaitlistPromoted>(1));
        Assert.Equal((Guid.Parse(second.RegistrationId), "MAN"), (promoted.RegistrationId, promoted.CouncilCode));

        // Cancelling twice changes nothing more.
        var again = await Assert.ThrowsAsync<RpcException>(() => events.Registrations.CancelEventRegistrationAsync(
            new CancelEventRegistrationRequest { ProgrammeEventId = residential.ProgrammeEventId, RegistrationId = first.RegistrationId }, events.Member("BIR")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Single(await tap.WaitForAsync<RegistrationCancelled>(1));
    }

    [Fact]
    public async Task Dietary_needs_are_shown_to_staff_only()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        var birmingham = await events.JoinAsync("BIR");
        var residential = await events.ScheduleAsync(EventsHost.Residential());
        var registered = await events.RegisterAsync(residential, "BIR", birmingham[0], dietaryNeeds: "Coeliac");

        var request = new ListEventRegistrationsRequest { ProgrammeEventId = residential.ProgrammeEventId };
        Assert.Equal("", registered.DietaryNeeds);
        Assert.Equal("", Assert.Single((await events.Registrations.ListEventRegistrationsAsync(request, events.Member("BIR"))).Registrations).DietaryNeeds);
        Assert.Equal("Coeliac", Assert.Single((await events.Registrations.ListEventRegistrationsAsync(request, events.Staff)).Registrations).DietaryNeeds);
        Assert.Empty((await events.Registrations.ListEventRegistrationsAsync(request, events.Member("MAN"))).Registrations);
    }

    [Fact]
    public async Task Cancelling_an_event_releases_every_registration_and_tells_everyone_registered()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        await using var tap = await EventsHost.TapAsync(events.Host.Broker);
        var birmingham = await events.JoinAsync("BIR");
        var residential = await events.ScheduleAsync(EventsHost.Residential(capacity: 1));
        await events.RegisterAsync(residential, "BIR", birmingham[0]);
        await events.RegisterAsync(residential, "BIR", birmingham[1]);

        var cancelled = await events.Events.CancelProgrammeEventAsync(new CancelProgrammeEventRequest { ProgrammeEventId = residential.ProgrammeEventId, Reason = "Venue flooded" }, events.Staff);

        Assert.Equal(ProgrammeEventState.Cancelled, cancelled.State);
        Assert.Equal(0, await events.CountAsync("SELECT count(*) FROM registrations WHERE state <> 'Cancelled'"));
        var told = Assert.Single(await tap.WaitForAsync<EventCancelled>(1));
        Assert.Equal(birmingham.Order(), told.Released.Select(r => r.PersonId).Order());
        var late = await Assert.ThrowsAsync<RpcException>(() => events.RegisterAsync(residential, "BIR", birmingham[0]));
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
    }
}
