using Grpc.Core;
using Upstream.Events.V1;

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
}
