using System.Diagnostics;
using Upstream.Benchmarks.Capacity.Measuring;
using Upstream.Contracts.Applications;
using Upstream.Events.V1;
using Upstream.Network.Hosting;
using Upstream.Testing.Events;
using Upstream.Testing.Hosting;

namespace Upstream.Benchmarks.Capacity.Paths;

/// <summary>
/// Network to Events: a cohort confirmed in Applications reaches Network as one ApplicationSelected per council
/// (published here on the shared broker as Applications' relay publishes them); Network makes each a member and
/// publishes MemberJoined; Events invites it to the residential to come. Timed from the first selection published
/// to the last invitation stored, ten cohorts one after another. 20 councils a cohort; 200 and 2,000 at 10x and 100x
/// (a national network's intake arriving at once).
/// </summary>
public static class CohortInvitations
{
    public const string Name = "network-events";
    private const int Runs = 10;
    private const int CohortSize = 20;

    public static async Task<Outcome> RunAsync(SharedInfrastructure servers, int scale)
    {
        await using var events = await EventsHost.StartAsync(servers, maximumPoolSize: Production.PoolSize, settings: Production.Settings);
        await using var network = await ServiceHost.StartAsync(servers, "network", NetworkApp.Build, EventsHost.Now, events.Host.Broker, events.Clock, Production.Settings, Production.PoolSize);
        var residential = await events.ScheduleAsync(EventsHost.Residential());
        var size = CohortSize * scale;
        var times = new List<double>();
        var invitedEach = new List<int>();
        for (var run = 0; run < Runs; run++)
        {
            var codes = Enumerable.Range(1, size).Select(i => $"R{run:00}N{i:00000}").ToList();
            var selections = codes.Select(Selection).ToList();
            var inList = string.Join(", ", codes.Select(c => $"'{c}'"));
            var started = Stopwatch.GetTimestamp();
            foreach (var selected in selections)
            {
                await network.PublishAsync(selected);
            }

            // Polled in the database (cheap, exact); the gRPC listing is read once the count is reached.
            await Eventually.ReturnsAsync(
                () => events.CountAsync($"SELECT count(*) FROM invitations WHERE council_code IN ({inList})"),
                n => n == size,
                $"{size} councils invited",
                TimeSpan.FromMinutes(10));
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var listed = await events.Events.ListEventInvitationsAsync(new ListEventInvitationsRequest { ProgrammeEventId = residential.ProgrammeEventId }, events.Staff);
            invitedEach.Add(listed.Invitations.Count(i => codes.Contains(i.CouncilCode)));
        }

        var sorted = times.Order().ToList();
        var p99 = sorted[^1]; // of ten runs, the 99th percentile is the slowest
        var members = await network.CountAsync("SELECT count(*) FROM members");
        return new Outcome(
            $"{size:N0} councils a cohort, {Runs} cohorts",
            [
                new Figure("confirmation to all invited, p50", sorted[(sorted.Count - 1) / 2], "ms"),
                new Figure("confirmation to all invited, p99 (slowest of 10)", p99, "ms", "< 2000 ms", p99 < 2000),
                new Figure("councils invited per second (median run)", size / (sorted[(sorted.Count - 1) / 2] / 1000), "/s"),
            ],
            [
                new Check("every council of every cohort a member once", members == size * Runs, $"{members:N0} members of {size * Runs:N0}"),
                new Check("every council invited, as the gRPC listing shows", invitedEach.All(n => n == size), $"{invitedEach.Min():N0}..{invitedEach.Max():N0} of {size:N0} listed per run"),
            ],
            "Runs: " + string.Join(", ", times.Select(t => t.ToString("0", System.Globalization.CultureInfo.InvariantCulture))) + " ms.");
    }

    /// <summary>A selection as Applications publishes it on confirming a cohort, with the council's two contacts.</summary>
    private static ApplicationSelected Selection(string code) => new(
        Guid.NewGuid(), EventsHost.Now, Guid.NewGuid(), Guid.NewGuid(), code, $"{code} Council", "London", ["urban"],
        new SelectedInitiative("Early help", "Summary", "Problem", "Children's services", "early"),
        [new CouncilContact("Alex " + code, "Lead", $"alex@{code.ToLowerInvariant()}.example.gov.uk"), new CouncilContact("Sam " + code, "Deputy", $"sam@{code.ToLowerInvariant()}.example.gov.uk")],
        [],
        "Chosen on score");
}
