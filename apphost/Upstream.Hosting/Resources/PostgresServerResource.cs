using Npgsql;
using Upstream.Hosting.Infrastructure;
using Upstream.Hosting.Model;

namespace Upstream.Hosting.Resources;

/// <summary>A PostgreSQL server with its data under the app host's data folder; databases are its children.</summary>
public sealed class PostgresServerResource(string name) : Resource(name)
{
    private LocalPostgres? _server;

    public override string Type => "PostgreSQL";

    public LocalPostgres Server => _server ?? throw new InvalidOperationException($"{Name} has not started.");

    internal override async Task StartAsync(AppHostContext context, CancellationToken cancellationToken)
    {
        _server = await context.Options.StartOnPortAsync(Name, port => LocalPostgres.StartAsync(
            new PostgresOptions(
                Path.Combine(context.Options.DataDirectory, Name, "data"),
                port,
                context.Secrets.Get($"{Name}:username", () => "upstream"),
                context.Secrets.Get($"{Name}:password"),
                Durable: true),
            cancellationToken)).ConfigureAwait(false);
        Update(s => s with { ProcessId = _server.Process.Id, Endpoints = [new Uri($"tcp://127.0.0.1:{_server.Port}")] });
    }

    internal override async Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(Server.ConnectionString("postgres") + ";Pooling=false;Timeout=3");
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return HealthStatus.Healthy;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthStatus.Unhealthy;
        }
    }

    internal override Task StopAsync() => _server?.StopAsync() ?? Task.CompletedTask;

    internal override Task<int> ExitedUnexpectedly => _server?.Process.Exited ?? base.ExitedUnexpectedly;

    internal override IReadOnlyList<string> RecentOutput => _server?.Process.RecentOutput ?? [];
}
