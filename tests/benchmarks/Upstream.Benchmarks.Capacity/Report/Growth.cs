using Upstream.Benchmarks.Capacity.Measuring;

namespace Upstream.Benchmarks.Capacity.Report;

/// <summary>One sentence per path on what grows with size and why, with the measured ratio between the scales run.</summary>
public static class Growth
{
    private static readonly Dictionary<string, string> Why = new()
    {
        ["events"] = "every attempt on one residential waits for that event's row lock (registrations are decided one at a time per event, which is what keeps the limits exact), and at 10x and 100x the bursts of all programmes arrive at once, so the burst's time and the late callers' latency grow with the attempts in flight while each residential's own work stays 300 attempts",
        ["grants"] = "every award against a fund waits for that fund's row lock, and at 10x and 100x all funds' awards are in flight at once, so latency grows with the burst (the queue before the pool and the locks), not with a fund's size",
        ["network-events"] = "each selection is consumed by Network (member, people, MemberJoined into the outbox) and then by Events (invitations) one message at a time per consumer, so the time to all invited grows linearly with the cohort",
        ["insights-patterns"] = "each view aggregates every matching finding on every call (no precomputed counts), so its time and reply grow with the findings",
        ["insights-feeds"] = "a page is 20 publications whatever the total, so a page costs about the same at every size; only the count, the ETag and OFFSET paging grow with the publications",
        ["insights-webhooks"] = "one publication makes one delivery per subscription and the sender works them one at a time (20 claimed per poll), so the time to all delivered grows linearly with the receivers",
        ["idle"] = "scale does not apply: this is the programme's system at rest",
    };

    public static string Of(string path, IReadOnlyList<ScaleRun> runs)
    {
        var measured = runs.Where(r => r.Figures.Count > 0).OrderBy(r => r.Scale).ToList();
        var ratio = measured.Count > 1
            ? $" Measured: {measured[^1].Scale / measured[0].Scale}x the size took {measured[^1].WallSeconds / Math.Max(measured[0].WallSeconds, 0.001):0.0}x the wall time and {measured[^1].PeakRssMiB / Math.Max(measured[0].PeakRssMiB, 1):0.0}x the peak memory."
            : "";
        return Why.GetValueOrDefault(path, "") + "." + ratio;
    }
}
