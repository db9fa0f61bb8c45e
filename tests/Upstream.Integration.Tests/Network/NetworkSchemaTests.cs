using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Upstream.Messaging;
using Upstream.Network.Data;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Integration.Tests.Network;

public sealed class NetworkSchemaTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task The_network_model_agrees_with_its_migrated_schema()
    {
        var connectionString = await infrastructure.Shared.CreateDatabaseAsync("network-schema");
        await using (var source = NpgsqlDataSource.Create(connectionString))
        {
            var migrations = Migration.FromAssemblies([typeof(NetworkDb).Assembly, typeof(MessagingModel).Assembly]);
            await new SchemaMigrator(source, migrations, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        }

        await using var db = new NetworkDb(new DbContextOptionsBuilder<NetworkDb>().UseNpgsql(connectionString).Options);

        Assert.Empty(await SchemaAgreement.FindDifferencesAsync(db));
    }
}
