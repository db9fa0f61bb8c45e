using Grpc.Core;
using Upstream.Benchmarks.Capacity.Measuring;
using Upstream.Events.V1;
using Upstream.Testing.Events;
using Upstream.Testing.Hosting;

namespace Upstream.Benchmarks.Capacity.Paths;

/// <summary>
/// Parallel registrations: per programme one residential (capacity 40, two per council) and 100 councils each
/// trying to register three people, 300 attempts, all at once. At 10x and 100x, 10 and 100 programmes' residentials
/// with their own councils, every attempt of every programme at once (many programmes on the same service).
/// </summary>
public static class EventRegistrations
{
    public const string Name = "events";
    private const int Capacity = 40;
    private const int CouncilsPerProgramme = 100;
    private const int PeoplePerCouncil = 3;

    public static async Task<Outcome> RunAsync(SharedInfrastructure servers, int scale)
    {
        await using var events = await EventsHost.StartAsync(servers, maximumPoolSize: Production.PoolSize, settings: Production.Settings);
        var residentials = new List<ProgrammeEvent>();
        for (var i = 0; i < scale; i++)
        {
            residentials.Add(await events.ScheduleAsync(EventsHost.Residential(Capacity)));
        }

        // Warm-up, not measured: a residential of its own and 30 councils' burst, so the measured burst meets a
        // service whose code is compiled and whose connection pool is open, as a running service's would be.
        var warmUp = await events.ScheduleAsync(EventsHost.Residential(Capacity));
        var warmUpCouncils = Enumerable.Range(1, 30).Select(i => $"W{i:00000}").ToList();
        var councils = Enumerable.Range(1, CouncilsPerProgramme * scale).Select(i => $"C{i:00000}").ToList();
        var people = await events.JoinAsync([.. warmUpCouncils, .. councils], PeoplePerCouncil, TimeSpan.FromMinutes(30));
        List<(string Council, ProgrammeEvent Residential, RegisterForEventRequest Request, Grpc.Core.Metadata Caller)> Attempts(List<string> who, Func<int, ProgrammeEvent> at) =>
            [.. who.SelectMany((council, i) => people[council].Select(person =>
                (council, at(i), new RegisterForEventRequest { ProgrammeEventId = at(i).ProgrammeEventId, PersonId = person.ToString() }, events.Member(council))))];
        await Burst.AllAtOnceAsync(Attempts(warmUpCouncils, _ => warmUp).Select(a => (Func<Task<EventRegistration>>)(async () => await events.Registrations.RegisterForEventAsync(a.Request, a.Caller))), new Latencies());
        var attempts = Attempts(councils, i => residentials[i % scale]);

        var latencies = new Latencies();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var answers = await Burst.AllAtOnceAsync(attempts.Select(a => (Func<Task<EventRegistration>>)(async () => await events.Registrations.RegisterForEventAsync(a.Request, a.Caller))), latencies);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;

        var taken = answers.Count(a => a.Status == StatusCode.OK);
        var rate = taken / elapsed;
        var byResidential = attempts.Zip(answers).GroupBy(x => x.First.Residential.ProgrammeEventId).ToList();
        var confirmedPerEvent = byResidential.Select(g => g.Count(x => x.Second.Reply?.State == EventRegistrationState.Confirmed)).ToList();
        var perCouncil = attempts.Zip(answers).GroupBy(x => x.First.Council).Select(g => g.Count(x => x.Second.Status == StatusCode.OK)).ToList();
        var storedMaxConfirmed = await events.CountAsync("SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM registrations WHERE state = 'Confirmed' GROUP BY programme_event_id) e");
        var storedMaxPerCouncil = await events.CountAsync("SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM registrations WHERE state <> 'Cancelled' GROUP BY programme_event_id, council_code) c");
        var shown = await events.Events.GetProgrammeEventAsync(new GetProgrammeEventRequest { ProgrammeEventId = residentials[0].ProgrammeEventId }, events.Staff);

        var figures = new List<Figure> { new("registrations per second (taken / burst wall time)", rate, "/s", ">= 200/s", rate >= 200) };
        figures.AddRange(latencies.Figures("RegisterForEvent", p99Target: 250));
        figures.Add(new Figure("burst wall time", elapsed, "s"));
        return new Outcome(
            $"{attempts.Count:N0} attempts from {councils.Count:N0} councils over {scale} residential(s)",
            figures,
            [
                // Exactness first (what was stored and told never exceeds a limit), then whether every attempt got its answer.
                new Check("no overbooking: confirmed per residential never above capacity (told and stored)", confirmedPerEvent.All(n => n <= Capacity) && storedMaxConfirmed <= Capacity, $"told {confirmedPerEvent.Min()}..{confirmedPerEvent.Max()}, stored max {storedMaxConfirmed} (capacity {Capacity})"),
                new Check("two per council at most (told and stored)", perCouncil.All(n => n <= 2) && storedMaxPerCouncil <= 2, $"taken per council {perCouncil.Min()}..{perCouncil.Max()}, stored max {storedMaxPerCouncil}"),
                new Check("every attempt answered: capacity filled, two per council, each third refused (FailedPrecondition)", confirmedPerEvent.All(n => n == Capacity) && perCouncil.All(n => n == 2) && answers.Count(a => a.Status == StatusCode.FailedPrecondition) == councils.Count, $"{answers.Count(a => a.Status == StatusCode.FailedPrecondition):N0} refused of {councils.Count:N0} expected; failed otherwise: {Failures(answers)}"),
                new Check("the residential shows its counts", shown.ConfirmedCount == confirmedPerEvent[0] && shown.ConfirmedCount <= Capacity, $"{shown.ConfirmedCount} confirmed, {shown.WaitlistedCount} waiting"),
            ]);
    }

    /// <summary>The answers other than taken or refused, by status (e.g. a pool exhausted under a burst far beyond it).</summary>
    internal static string Failures<T>((StatusCode Status, T? Reply)[] answers)
        where T : class
    {
        var failed = answers.Where(a => a.Status is not (StatusCode.OK or StatusCode.FailedPrecondition)).GroupBy(a => a.Status).Select(g => $"{g.Count():N0} {g.Key}").ToList();
        return failed.Count == 0 ? "none" : string.Join(", ", failed);
    }
}
