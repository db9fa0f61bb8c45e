using Microsoft.Extensions.Configuration;
using Upstream.Hosting.Dashboard.Telemetry;

namespace Upstream.Hosting.Dashboard;

/// <summary>
/// --Upstream:Dashboard:Port (default 18888, Aspire's) and the telemetry limits. If the port is taken (another
/// app host, a test run) the dashboard moves to a free port and the console says so: a second app host on one
/// machine should still run and still be watchable.
/// </summary>
public sealed record DashboardOptions(int Port, TelemetryLimits Limits)
{
    public const int DefaultPort = 18888;

    public static DashboardOptions From(IConfiguration configuration) => new(
        int.TryParse(configuration["Upstream:Dashboard:Port"], out var port) && port is > 0 and < 65536 ? port : DefaultPort,
        TelemetryLimits.From(configuration));
}
