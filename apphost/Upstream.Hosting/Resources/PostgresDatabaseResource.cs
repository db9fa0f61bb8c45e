using Npgsql;
using Upstream.Hosting.Model;

namespace Upstream.Hosting.Resources;

/// <summary>One service's database on a server: created on first start, kept afterwards.</summary>
public sealed class PostgresDatabaseResource : Resource, IResourceWithConnectionString
{
    public PostgresDatabaseResource(string name, PostgresServerResource server)
        : base(name)
    {
        Server = server;
        WaitsFor.Add(server);
    }

    public PostgresServerResource Server { get; }

    public override string Type => "PostgreSQL database";

    public string ConnectionString => Server.Server.ConnectionString(Name);

    internal override Task StartAsync(AppHostContext context, CancellationToken cancellationToken) =>
        Server.Server.CreateDatabaseAsync(Name, cancellationToken);

    internal override async Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false;Timeout=3");
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return HealthStatus.Healthy;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthStatus.Unhealthy;
        }
    }

    internal override Task StopAsync() => Task.CompletedTask;
}
