namespace Upstream.Hosting.Dashboard;

public static class DashboardBuilderExtensions
{
    /// <summary>Serves the operators' dashboard and points every project's OTLP exporter at it.</summary>
    public static DistributedApplicationBuilder AddDashboard(this DistributedApplicationBuilder builder)
    {
        builder.Dashboard = DashboardOptions.From(builder.Configuration);
        return builder;
    }
}
