using Grpc.Core;
using Upstream.Contracts;
using Upstream.Contracts.Events;
using Upstream.Contracts.Network;
using Upstream.Domain.Time;
using Upstream.Events.Hosting;
using Upstream.Events.V1;
using Upstream.Testing.Hosting;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Testing.Events;

/// <summary>
/// The Events service on a <see cref="ServiceHost"/>, with its typed clients, callers by role, and the steps most
/// tests start from: councils joining the network with their people (as Network announces it, over the broker) and
/// a residential scheduled by staff.
/// </summary>
public sealed class EventsHost : IAsyncDisposable
{
    /// <summary>A Monday in March 2026, 10:00 in London: well before <see cref="ResidentialStarts"/>.</summary>
    public static readonly DateTimeOffset Now = ProgrammeTime.ToInstant(new DateTime(2026, 3, 2, 10, 0, 0));
    public static readonly DateTimeOffset ResidentialStarts = ProgrammeTime.ToInstant(new DateTime(2026, 5, 12, 10, 0, 0));
    public static readonly DateTimeOffset ResidentialEnds = ProgrammeTime.ToInstant(new DateTime(2026, 5, 13, 16, 0, 0));

    private EventsHost(ServiceHost host) => Host = host;

    public ServiceHost Host { get; }

    /// <summary>The connection string the service uses.</summary>
    public string Database => Host.Database;

    public TestClock Clock => Host.Clock;

    public ProgrammeEventService.ProgrammeEventServiceClient Events => Host.Client<ProgrammeEventService.ProgrammeEventServiceClient>();

    public EventRegistrationService.EventRegistrationServiceClient Registrations => Host.Client<EventRegistrationService.EventRegistrationServiceClient>();

    public ExpenseClaimService.ExpenseClaimServiceClient Claims => Host.Client<ExpenseClaimService.ExpenseClaimServiceClient>();

    public Metadata Staff => Host.As("staff-1", Roles.Staff);

    public Metadata Partner => Host.As("partner-1", Roles.Partner);

    /// <param name="maximumPoolSize">The service's database connections: the machine is small and shared.</param>
    /// <param name="settings">Configuration over the test host's (a benchmark restores production timings).</param>
    public static async Task<EventsHost> StartAsync(SharedInfrastructure infrastructure, string? broker = null, int maximumPoolSize = ServiceHost.DefaultPoolSize, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = await ServiceHost.StartAsync(infrastructure, "events", EventsApp.Build, Now, broker, settings: settings, maximumPoolSize: maximumPoolSize);

        return new EventsHost(host);
    }

    /// <summary>Stands where Events' consumers will (Insights, a mailer): a queue on the broker bound to every Events event.</summary>
    public static Task<EventTap> TapAsync(string broker) => EventTap.StartAsync(
        broker,
        "programme-events",
        EventTap.Of<EventScheduled>(),
        EventTap.Of<EventCancelled>(),
        EventTap.Of<RegistrationConfirmed>(),
        EventTap.Of<RegistrationCancelled>(),
        EventTap.Of<WaitlistPromoted>(),
        EventTap.Of<AttendanceRecorded>(),
        EventTap.Of<ExpenseClaimPaid>());

    public Metadata Member(string council, string subject = "member-1") => Host.As($"{subject}-{council}", Roles.Member, council);

    /// <summary>Announces a council as a member with <paramref name="people"/> people, the way Network does; waits until Events has heard.</summary>
    /// <returns>The ids of its people.</returns>
    public async Task<IReadOnlyList<Guid>> JoinAsync(string council, int people = 2) => (await JoinAsync([council], people))[council];

    /// <summary>Announces the councils as members together (as a confirmed cohort arrives), then waits once until Events has heard them all.</summary>
    /// <returns>The ids of each council's people.</returns>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Guid>>> JoinAsync(IReadOnlyCollection<string> councils, int people = 2, TimeSpan? within = null)
    {
        var joined = new Dictionary<string, IReadOnlyList<Guid>>();
        foreach (var council in councils)
        {
            var members = Enumerable.Range(1, people)
                .Select(i => new MemberPerson(Guid.NewGuid(), $"Person {i} of {council}", "Officer", $"person{i}@{council.ToLowerInvariant()}.example.gov.uk", i <= 2))
                .ToList();
            await PublishAsync(new MemberJoined(Guid.NewGuid(), Clock.Now, Guid.NewGuid(), council, $"{council} Council", "Region", "Metropolitan district", "E08000001", ["urban"], "Initiative", members, false));
            joined[council] = [.. members.Select(m => m.PersonId)];
        }

        var codes = string.Join(", ", councils.Select(c => $"'{c}'"));
        await Eventually.ReturnsAsync(
            () => CountAsync($"SELECT count(*) FROM member_councils WHERE current AND council_code IN ({codes})"),
            n => n == councils.Count,
            councils.Count == 1 ? $"Events to hear {councils.First()} joined" : $"Events to hear {councils.Count} councils joined",
            within);
        return joined;
    }

    public Task PublishAsync<TEvent>(TEvent integrationEvent)
        where TEvent : class, IIntegrationEvent => Host.PublishAsync(integrationEvent);

    public Task<long> CountAsync(string sql) => Host.CountAsync(sql);

    public static ProgrammeEventDetails Residential(int capacity = 40) => new()
    {
        Kind = ProgrammeEventKind.Residential,
        Title = "Spring residential",
        Description = "Two days on evidence and experimentation.",
        Venue = "The Studio",
        Address = "7 Cannon Street, Birmingham B2 5EP",
        StartsAt = "2026-05-12T10:00",
        EndsAt = "2026-05-13T16:00",
        RegistrationClosesAt = "2026-05-01T17:00",
        Capacity = capacity,
        Sessions =
        {
            new EventSessionDetails { Title = "Welcome", Location = "Room 1", StartsAt = "2026-05-12T10:00", EndsAt = "2026-05-12T11:00" },
        },
    };

    public async Task<ProgrammeEvent> ScheduleAsync(ProgrammeEventDetails details) =>
        await Events.ScheduleProgrammeEventAsync(new ScheduleProgrammeEventRequest { Details = details }, Staff);

    public async Task<EventRegistration> RegisterAsync(ProgrammeEvent programmeEvent, string council, Guid person, string dietaryNeeds = "") =>
        await Registrations.RegisterForEventAsync(
            new RegisterForEventRequest { ProgrammeEventId = programmeEvent.ProgrammeEventId, PersonId = person.ToString(), DietaryNeeds = dietaryNeeds },
            Member(council));

    /// <summary>
    /// The council's two people registered for a residential; the first checked in on day one, the second never; the
    /// event closed. The clock is left the day after it ends (a host shared between tests must set it back).
    /// </summary>
    public async Task<(ProgrammeEvent Residential, EventRegistration Attended, EventRegistration Missed)> AttendedResidentialAsync(string council = "BIR")
    {
        var people = await JoinAsync(council);
        var residential = await ScheduleAsync(Residential());
        var attended = await RegisterAsync(residential, council, people[0]);
        var missed = await RegisterAsync(residential, council, people[1]);
        Clock.Now = ProgrammeTime.ToInstant(new DateTime(2026, 5, 12, 9, 45, 0));
        await Registrations.CheckInToEventAsync(new CheckInToEventRequest { ProgrammeEventId = residential.ProgrammeEventId, RegistrationId = attended.RegistrationId, Day = "2026-05-12" }, Staff);
        Clock.Now = ProgrammeTime.ToInstant(new DateTime(2026, 5, 14, 9, 0, 0));
        await Events.CloseProgrammeEventAsync(new CloseProgrammeEventRequest { ProgrammeEventId = residential.ProgrammeEventId }, Staff);
        return (residential, attended, missed);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
