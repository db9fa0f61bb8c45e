using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Upstream.Contracts.Network;
using Upstream.Events.Handling;
using Upstream.Events.V1;
using Upstream.ServiceDefaults.Batching;

namespace Upstream.Integration.Tests.Events;

/// <summary>A residential's capacity and its two-per-council limit hold exactly, however many register at once.</summary>
public sealed class RegistrationConcurrencyTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private const int Councils = 10;
    private const int PeoplePerCouncil = 3;
    private const int Capacity = 15;

    [Fact]
    public async Task Of_30_parallel_registrations_two_per_council_are_taken_the_first_15_confirmed_the_rest_waiting_and_each_third_refused()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        var councils = new Dictionary<string, IReadOnlyList<Guid>>();
        foreach (var code in Enumerable.Range(1, Councils).Select(i => $"C{i:00}"))
        {
            councils[code] = await events.JoinAsync(code, PeoplePerCouncil);
        }

        var residential = await events.ScheduleAsync(EventsHost.Residential(Capacity));

        // All 30 at once: three people from each of ten councils.
        var outcomes = await Task.WhenAll(councils.SelectMany(c => c.Value.Select(person => (Council: c.Key, Person: person))).Select(async r =>
        {
            try
            {
                return (r.Council, Status: StatusCode.OK, State: (await events.RegisterAsync(residential, r.Council, r.Person)).State);
            }
            catch (RpcException e)
            {
                return (r.Council, Status: e.StatusCode, State: EventRegistrationState.Unspecified);
            }
        }));

        Assert.Equal(Councils * 2, outcomes.Count(o => o.Status == StatusCode.OK));
        Assert.Equal(Councils, outcomes.Count(o => o.Status == StatusCode.FailedPrecondition));
        Assert.All(outcomes.GroupBy(o => o.Council), c => Assert.Equal((c.Key, 2), (c.Key, c.Count(o => o.Status == StatusCode.OK))));
        Assert.Equal(Capacity, outcomes.Count(o => o.State == EventRegistrationState.Confirmed));
        Assert.Equal((Councils * 2) - Capacity, outcomes.Count(o => o.State == EventRegistrationState.Waitlisted));

        // What the database holds agrees with what the callers were told.
        Assert.Equal(Capacity, await events.CountAsync("SELECT count(*) FROM registrations WHERE state = 'Confirmed'"));
        Assert.Equal(Councils * 2, await events.CountAsync("SELECT count(*) FROM registrations WHERE state <> 'Cancelled'"));
        Assert.Equal(2, await events.CountAsync("SELECT max(n) FROM (SELECT count(*) AS n FROM registrations GROUP BY council_code) c"));
        Assert.Equal(Capacity, await events.CountAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%RegistrationConfirmed%'"));
        var shown = await events.Events.GetProgrammeEventAsync(new GetProgrammeEventRequest { ProgrammeEventId = residential.ProgrammeEventId }, events.Staff);
        Assert.Equal((Capacity, (Councils * 2) - Capacity), (shown.ConfirmedCount, shown.WaitlistedCount));
    }

    [Fact]
    public async Task Parallel_registrations_with_each_first_person_asked_twice_give_exact_limits_one_registration_a_person_and_a_waiting_list_promoted_in_order()
    {
        const int councils = 20;
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        var people = await events.JoinAsync([.. Enumerable.Range(1, councils).Select(i => $"D{i:00}")], PeoplePerCouncil);
        var residential = await events.ScheduleAsync(EventsHost.Residential(Capacity));

        // Every person once, and each council's first person a second time: 80 at once.
        var attempts = people.SelectMany(c => c.Value.Append(c.Value[0]).Select(person => (Council: c.Key, Person: person))).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async a =>
        {
            try
            {
                return (a.Council, a.Person, Status: StatusCode.OK, Registration: await events.RegisterAsync(residential, a.Council, a.Person));
            }
            catch (RpcException e)
            {
                return (a.Council, a.Person, Status: e.StatusCode, Registration: (EventRegistration?)null);
            }
        }));

        var registered = outcomes.Where(o => o.Status == StatusCode.OK).Select(o => o.Registration!).ToList();
        Assert.All(outcomes.GroupBy(o => o.Council), c => Assert.Equal((c.Key, 2), (c.Key, c.Count(o => o.Status == StatusCode.OK))));
        Assert.All(outcomes.Where(o => o.Status != StatusCode.OK), o => Assert.Contains(o.Status, new[] { StatusCode.FailedPrecondition, StatusCode.AlreadyExists }));
        Assert.Equal(registered.Count, registered.Select(r => r.PersonId).Distinct().Count());
        Assert.Equal(Capacity, registered.Count(r => r.State == EventRegistrationState.Confirmed));
        Assert.Equal((councils * 2) - Capacity, registered.Count(r => r.State == EventRegistrationState.Waitlisted));
        Assert.Equal(registered.Count, await events.CountAsync("SELECT count(DISTINCT person_id) FROM registrations"));
        Assert.Equal(Capacity, await events.CountAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%RegistrationConfirmed%'"));
        Assert.Equal(Capacity, await events.CountAsync(
            "SELECT count(*) FROM registrations r WHERE state = 'Confirmed' AND EXISTS (SELECT 1 FROM outbox_messages o WHERE o.aggregate_key = r.id::text AND o.message_type LIKE '%RegistrationConfirmed%')"));

        // Every registration has its own place in time, so the waiting list has one order: freeing three places
        // promotes the three registered earliest among those waiting.
        Assert.Equal(registered.Count, await events.CountAsync("SELECT count(DISTINCT registered_at) FROM registrations"));
        var waiting = registered.Where(r => r.State == EventRegistrationState.Waitlisted).OrderBy(r => r.RegisteredAt.ToDateTimeOffset()).ToList();
        foreach (var freed in registered.Where(r => r.State == EventRegistrationState.Confirmed).Take(3))
        {
            await events.Registrations.CancelEventRegistrationAsync(
                new CancelEventRegistrationRequest { ProgrammeEventId = residential.ProgrammeEventId, RegistrationId = freed.RegistrationId }, events.Member(freed.CouncilCode));
        }

        var after = await events.Registrations.ListEventRegistrationsAsync(new ListEventRegistrationsRequest { ProgrammeEventId = residential.ProgrammeEventId }, events.Staff);
        var promoted = after.Registrations.Where(r => waiting.Any(w => w.RegistrationId == r.RegistrationId) && r.State == EventRegistrationState.Confirmed).Select(r => r.RegistrationId);
        Assert.Equal(waiting.Take(3).Select(r => r.RegistrationId).Order(), promoted.Order());
    }

    [Fact]
    public async Task A_registration_whose_caller_gives_up_while_it_waits_for_the_event_is_never_stored()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        var people = await events.JoinAsync("E01", PeoplePerCouncil);
        var residential = await events.ScheduleAsync(EventsHost.Residential(Capacity));
        var queue = events.Host.Services.GetRequiredService<DecisionQueue<Guid, RegistrationAsk, Upstream.Events.Domain.Registration>>();

        // The first registration's batch waits on the event's row, held here; the second queues behind it.
        await using var held = await HeldRowLock.TakeAsync(events.Database, "programme_events", residential.ProgrammeEventId);
        var first = events.RegisterAsync(residential, "E01", people[0]);
        await HeldRowLock.WaitForWaiterAsync(events.CountAsync);
        var gaveUp = await Assert.ThrowsAsync<RpcException>(() => events.Registrations.RegisterForEventAsync(
            new RegisterForEventRequest { ProgrammeEventId = residential.ProgrammeEventId, PersonId = people[1].ToString() },
            events.Member("E01"),
            deadline: DateTime.UtcNow.AddSeconds(1)).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, gaveUp.StatusCode);

        // Once the service has noticed, the event is let go: the first is decided, the second is not.
        await Eventually.ReturnsAsync(() => Task.FromResult(queue.Waiting), n => n == 0, "the service to drop the registration whose caller gave up");
        await held.ReleaseAsync();
        Assert.Equal(EventRegistrationState.Confirmed, (await first).State);
        Assert.Equal(0, await events.CountAsync($"SELECT count(*) FROM registrations WHERE person_id = '{people[1]}'"));
        Assert.Equal(1, await events.CountAsync("SELECT count(*) FROM registrations"));
    }

    [Fact]
    public async Task Beyond_the_replicas_bound_on_waiting_registrations_a_caller_is_told_at_once_and_nothing_is_stored()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared, settings: new Dictionary<string, string?> { [$"{DecisionQueueLimits.Section}:MaxWaiting"] = "1" });
        var people = await events.JoinAsync(["F01", "F02"], PeoplePerCouncil);
        var residential = await events.ScheduleAsync(EventsHost.Residential(Capacity));
        var queue = events.Host.Services.GetRequiredService<DecisionQueue<Guid, RegistrationAsk, Upstream.Events.Domain.Registration>>();

        // One registration deciding (behind the held row), one waiting: the bound of one is reached.
        await using var held = await HeldRowLock.TakeAsync(events.Database, "programme_events", residential.ProgrammeEventId);
        var deciding = events.RegisterAsync(residential, "F01", people["F01"][0]);
        await HeldRowLock.WaitForWaiterAsync(events.CountAsync);
        var waiting = events.RegisterAsync(residential, "F01", people["F01"][1]);
        await Eventually.ReturnsAsync(() => Task.FromResult(queue.Waiting), n => n == 1, "the second registration to wait");

        var refused = await Assert.ThrowsAsync<RpcException>(() => events.RegisterAsync(residential, "F02", people["F02"][0]));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);

        await held.ReleaseAsync();
        Assert.Equal(
            [EventRegistrationState.Confirmed, EventRegistrationState.Confirmed],
            [(await deciding).State, (await waiting).State]);
        Assert.Equal(0, await events.CountAsync($"SELECT count(*) FROM registrations WHERE person_id = '{people["F02"][0]}'"));
    }

    [Fact]
    public async Task In_one_batch_an_ask_from_a_council_that_left_or_for_a_stranger_is_refused_on_its_own_and_the_rest_are_decided()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        var people = await events.JoinAsync(["G01", "G02", "G03", "G04", "G05"], 2);
        var residential = await events.ScheduleAsync(EventsHost.Residential(Capacity));
        await events.PublishAsync(new MemberLeft(Guid.NewGuid(), events.Clock.Now, Guid.NewGuid(), "G05", "Left the programme"));
        await Eventually.ReturnsAsync(() => events.CountAsync("SELECT count(*) FROM member_councils WHERE NOT current"), n => n == 1, "Events to hear G05 left");
        var queue = events.Host.Services.GetRequiredService<DecisionQueue<Guid, RegistrationAsk, Upstream.Events.Domain.Registration>>();

        // The first ask's batch waits on the event's row, held here, while the other twelve queue into one batch.
        var asks = new List<(string Council, Guid Person)> { ("G01", people["G01"][0]) };
        await using var held = await HeldRowLock.TakeAsync(events.Database, "programme_events", residential.ProgrammeEventId);
        var first = Outcome(events, residential, asks[0]);
        await HeldRowLock.WaitForWaiterAsync(events.CountAsync);
        asks = [.. new[] { "G02", "G03", "G04" }.SelectMany(c => new[] { (c, people[c][0]), (c, people[c][1]), (c, Guid.NewGuid()) }), ("G01", people["G01"][1]), ("G05", people["G05"][0]), ("G01", Guid.NewGuid())];
        var rest = asks.Select(a => Outcome(events, residential, a)).ToList();
        await Eventually.ReturnsAsync(() => Task.FromResult(queue.Waiting), n => n == rest.Count, "the twelve asks to wait in one line");
        await held.ReleaseAsync();
        var outcomes = await Task.WhenAll(rest.Prepend(first));

        Assert.Equal(8, outcomes.Count(o => o.Status == StatusCode.OK));
        var strangers = outcomes.Where(o => o.Status == StatusCode.InvalidArgument).ToList();
        Assert.Equal(4, strangers.Count);
        Assert.All(strangers, o => Assert.Equal("person_id", o.Field));
        var left = Assert.Single(outcomes, o => o.Status == StatusCode.FailedPrecondition);
        Assert.Equal("G05", left.Council);
        Assert.Equal(8, await events.CountAsync("SELECT count(*) FROM registrations"));
        Assert.Equal(0, await events.CountAsync("SELECT count(*) FROM registrations WHERE council_code = 'G05'"));
    }

    private static async Task<(string Council, StatusCode Status, string? Field)> Outcome(EventsHost events, ProgrammeEvent residential, (string Council, Guid Person) ask)
    {
        try
        {
            await events.RegisterAsync(residential, ask.Council, ask.Person);
            return (ask.Council, StatusCode.OK, null);
        }
        catch (RpcException e)
        {
            return (ask.Council, e.StatusCode, e.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.FirstOrDefault()?.Field);
        }
    }
}
