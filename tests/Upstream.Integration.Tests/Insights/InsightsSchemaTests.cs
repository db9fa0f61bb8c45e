using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Upstream.Insights.Data;
using Upstream.Messaging;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Integration.Tests.Insights;

public sealed class InsightsSchemaTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task The_insights_model_agrees_with_its_migrated_schema()
    {
        var connectionString = await infrastructure.Shared.CreateDatabaseAsync("insights-schema");
        await using (var source = NpgsqlDataSource.Create(connectionString))
        {
            var migrations = Migration.FromAssemblies([typeof(InsightsDb).Assembly, typeof(MessagingModel).Assembly]);
            await new SchemaMigrator(source, migrations, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        }

        await using var db = new InsightsDb(new DbContextOptionsBuilder<InsightsDb>().UseNpgsql(connectionString).Options);

        Assert.Empty(await SchemaAgreement.FindDifferencesAsync(db));
    }
}
