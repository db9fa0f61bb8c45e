using Upstream.Benchmarks.Capacity.Measuring;
using Upstream.Testing.Hosting;

namespace Upstream.Benchmarks.Capacity.Paths;

/// <summary>One hot path: its name on the command line, the row, its scales and how it runs.</summary>
public sealed record BenchmarkPath(string Name, string Title, string Target, int[] Scales, bool NeedsServers, Func<SharedInfrastructure?, string, int, Task<Outcome>> RunAsync);

/// <summary>Every path of issue 21's table, in its order.</summary>
public static class Catalogue
{
    public static readonly IReadOnlyList<BenchmarkPath> All =
    [
        new(EventRegistrations.Name, "Events: parallel registrations", "no overbooking, limits exact; >= 200 registrations/s; p99 < 250 ms", [1, 10, 100], true, (s, _, scale) => EventRegistrations.RunAsync(s!, scale)),
        new(GrantAwards.Name, "Grants: parallel awards against one fund", "exactly 37 succeed; p99 < 250 ms; committed total never above the fund", [1, 10, 100], true, (s, _, scale) => GrantAwards.RunAsync(s!, scale)),
        new(CohortInvitations.Name, "Network to Events: cohort confirmed -> members joined -> invitations", "all invited within 2 s of the confirmation (p99 over 10 runs)", [1, 10, 100], true, (s, _, scale) => CohortInvitations.RunAsync(s!, scale)),
        new(PatternViews.Name, "Insights: pattern views over findings", "p95 < 100 ms per view", [1, 10, 100], true, (s, _, scale) => PatternViews.RunAsync(s!, scale)),
        new(Feeds.Name, "Insights: feeds", "a feed page p95 < 50 ms; a conditional GET answered 304 p95 < 5 ms", [1, 10, 100], true, (s, _, scale) => Feeds.RunAsync(s!, scale)),
        new(WebhookFanOut.Name, "Insights: webhook fan-out of one publication", "all delivered within 10 s, each exactly once (by webhook-id), failures retried", [1, 10, 100], true, (s, _, scale) => WebhookFanOut.RunAsync(s!, scale)),
        new(IdleSystem.Name, "Whole system idle", "memory of each process (RSS) reported; each service under 200 MiB", [1], false, (_, repository, _) => IdleSystem.RunAsync(repository)),
    ];
}
