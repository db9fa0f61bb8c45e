using Microsoft.Extensions.Hosting;

namespace Upstream.ServiceDefaults.Data;

/// <summary>Migrates before the service starts listening: a service never serves requests against an old schema.</summary>
internal sealed class MigrationHostedService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
