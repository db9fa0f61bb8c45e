using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Upstream.Applications.Data;
using Upstream.Integration.Tests.Infrastructure;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Integration.Tests.Applications;

/// <summary>A fresh Applications database on the shared server, migrated exactly as the service migrates it at start-up.</summary>
internal sealed record ApplicationsDatabase(string ConnectionString)
{
    public static async Task<ApplicationsDatabase> CreateAsync(InfrastructureFixture infrastructure)
    {
        var connectionString = await infrastructure.Shared.CreateDatabaseAsync("applications");
        await using (var source = NpgsqlDataSource.Create(connectionString))
        {
            await new SchemaMigrator(source, Migration.FromAssembly(typeof(ApplicationsDb).Assembly), NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        }

        return new ApplicationsDatabase(connectionString);
    }

    public ApplicationsDb Context() => new(new DbContextOptionsBuilder<ApplicationsDb>().UseNpgsql(ConnectionString).Options);
}
