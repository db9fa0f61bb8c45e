using Microsoft.Extensions.Configuration;

namespace Upstream.Hosting.Dashboard.Telemetry;

/// <summary>
/// How much of each signal is kept (the oldest goes first), from --Upstream:Dashboard:MaxSpans, MaxLogs and
/// MaxMetricPoints. The defaults hold a long debugging session in a few hundred megabytes at most.
/// </summary>
public sealed record TelemetryLimits(int MaxSpans = 50_000, int MaxLogs = 50_000, int MaxMetricPoints = 200_000)
{
    public static TelemetryLimits From(IConfiguration configuration)
    {
        var defaults = new TelemetryLimits();
        int Read(string key, int fallback) =>
            int.TryParse(configuration[$"Upstream:Dashboard:{key}"], out var value) && value > 0 ? value : fallback;
        return new TelemetryLimits(Read("MaxSpans", defaults.MaxSpans), Read("MaxLogs", defaults.MaxLogs), Read("MaxMetricPoints", defaults.MaxMetricPoints));
    }
}
