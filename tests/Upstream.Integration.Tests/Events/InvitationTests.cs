using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Events;
using Upstream.Contracts.Network;
using Upstream.Events.Data;
using Upstream.Events.V1;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Integration.Tests.Events;

/// <summary>Member councils are invited to every event to come: those already scheduled when they join, and each new one.</summary>
public sealed class InvitationTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task The_model_agrees_with_the_services_migrations()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        await using var db = new EventsDb(new DbContextOptionsBuilder<EventsDb>().UseNpgsql(events.Database).Options);

        Assert.Empty(await SchemaAgreement.FindDifferencesAsync(db));
    }

    [Fact]
    public async Task A_council_that_joins_is_invited_to_the_events_to_come_and_current_members_to_each_new_one()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        await using var tap = await EventsHost.TapAsync(events.Host.Broker);
        await events.JoinAsync("BIR");
        var residential = await events.ScheduleAsync(EventsHost.Residential());

        // MAN joins after the residential was scheduled: the MemberJoined it hears invites it too.
        await events.JoinAsync("MAN");

        var all = await events.Events.ListEventInvitationsAsync(new ListEventInvitationsRequest { ProgrammeEventId = residential.ProgrammeEventId }, events.Staff);
        Assert.Equal(["BIR", "MAN"], all.Invitations.Select(i => i.CouncilCode).Order());
        var own = await events.Events.ListEventInvitationsAsync(new ListEventInvitationsRequest(), events.Member("MAN"));
        Assert.Equal([("MAN", residential.ProgrammeEventId)], own.Invitations.Select(i => (i.CouncilCode, i.ProgrammeEventId)));

        var scheduled = Assert.Single(await tap.WaitForAsync<EventScheduled>(1));
        Assert.Equal((Guid.Parse(residential.ProgrammeEventId), "residential", 40, 2), (scheduled.ProgrammeEventId, scheduled.Kind, scheduled.Capacity, scheduled.PerCouncilLimit));
        Assert.Equal(EventsHost.ResidentialStarts, scheduled.StartsAt);
    }

    [Fact]
    public async Task A_council_that_left_or_was_never_invited_cannot_register_and_a_partner_sees_only_the_listing()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        var birmingham = await events.JoinAsync("BIR");
        var residential = await events.ScheduleAsync(EventsHost.Residential());

        var listed = Assert.Single((await events.Events.ListProgrammeEventsAsync(new ListProgrammeEventsRequest(), events.Partner)).ProgrammeEvents);
        Assert.Equal(("Spring residential", true, true), (listed.Title, listed.AccommodationProvided, listed.ExpensesCovered));
        var refused = await Assert.ThrowsAsync<RpcException>(() => events.Registrations.RegisterForEventAsync(
            new RegisterForEventRequest { ProgrammeEventId = residential.ProgrammeEventId, PersonId = birmingham[0].ToString(), CouncilCode = "BIR" }, events.Partner).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);

        // Another council's member cannot register Birmingham's people, nor Birmingham someone not its own.
        var other = await Assert.ThrowsAsync<RpcException>(() => events.Registrations.RegisterForEventAsync(
            new RegisterForEventRequest { ProgrammeEventId = residential.ProgrammeEventId, PersonId = birmingham[0].ToString(), CouncilCode = "BIR" }, events.Member("MAN")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        var stranger = await Assert.ThrowsAsync<RpcException>(() => events.RegisterAsync(residential, "BIR", Guid.NewGuid()));
        Assert.Equal(StatusCode.InvalidArgument, stranger.StatusCode);
        Assert.Equal(0, await events.CountAsync("SELECT count(*) FROM registrations"));
    }

    [Fact]
    public async Task A_council_that_leaves_can_no_longer_register_and_an_erased_persons_needs_are_gone()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        var birmingham = await events.JoinAsync("BIR");
        var residential = await events.ScheduleAsync(EventsHost.Residential());
        await events.RegisterAsync(residential, "BIR", birmingham[0], dietaryNeeds: "Halal");

        await events.PublishAsync(new PersonErased(Guid.NewGuid(), events.Clock.Now, birmingham[0], "BIR", "unused"));
        await Eventually.ReturnsAsync(
            async () => Assert.Single((await events.Registrations.ListEventRegistrationsAsync(new ListEventRegistrationsRequest { ProgrammeEventId = residential.ProgrammeEventId }, events.Staff)).Registrations).DietaryNeeds,
            needs => needs.Length == 0,
            "the erased person's dietary needs to go");

        await events.PublishAsync(new MemberLeft(Guid.NewGuid(), events.Clock.Now.AddMinutes(1), Guid.NewGuid(), "BIR", "Left the programme"));
        await Eventually.ReturnsAsync(() => events.CountAsync("SELECT count(*) FROM member_councils WHERE NOT current"), n => n == 1, "Events to hear BIR left");
        var refused = await Assert.ThrowsAsync<RpcException>(() => events.RegisterAsync(residential, "BIR", birmingham[1]));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
    }

    [Fact]
    public async Task A_roundtables_link_is_shown_only_to_staff_and_councils_with_a_confirmed_place()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        var birmingham = await events.JoinAsync("BIR");
        await events.JoinAsync("MAN");
        var details = new ProgrammeEventDetails
        {
            Kind = ProgrammeEventKind.Roundtable,
            Title = "Roundtable: evaluating nudges",
            OnlineLink = "https://meet.example.org/upstream-roundtable",
            StartsAt = "2026-04-14T14:00",
            EndsAt = "2026-04-14T15:30",
            RegistrationClosesAt = "2026-04-13T17:00",
            Capacity = 30,
        };
        var roundtable = await events.ScheduleAsync(details);
        await events.RegisterAsync(roundtable, "BIR", birmingham[0]);

        async Task<string> LinkAsync(Metadata caller) =>
            (await events.Events.GetProgrammeEventAsync(new GetProgrammeEventRequest { ProgrammeEventId = roundtable.ProgrammeEventId }, caller)).OnlineLink;

        Assert.Equal(
            [details.OnlineLink, details.OnlineLink, "", ""],
            [await LinkAsync(events.Staff), await LinkAsync(events.Member("BIR")), await LinkAsync(events.Member("MAN")), await LinkAsync(events.Partner)]);
    }
}
