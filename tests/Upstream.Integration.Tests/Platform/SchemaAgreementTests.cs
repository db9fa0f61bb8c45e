using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Upstream.Messaging;
using Upstream.Noticeboard.Data;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Integration.Tests.Platform;

public sealed class SchemaAgreementTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    // The noticeboard's model includes the outbox and inbox, so its schema is its migrations plus messaging's.
    private static readonly IReadOnlyList<Migration> Migrations = Migration.FromAssemblies([typeof(NoticeboardDb).Assembly, typeof(MessagingModel).Assembly]);

    [Fact]
    public async Task The_model_agrees_with_the_migrated_schema()
    {
        await using var context = await MigratedAsync(Migrations);

        Assert.Empty(await SchemaAgreement.FindDifferencesAsync(context));
    }

    [Fact]
    public async Task A_column_the_migrations_never_created_is_reported()
    {
        // All but 0002: the model's slug column and its unique index are missing from the database.
        await using var context = await MigratedAsync([.. Migrations.Where(m => m.Version != 2)]);

        var differences = await SchemaAgreement.FindDifferencesAsync(context);

        Assert.Contains("Column notices.slug is in the model but not in the database.", differences);
        Assert.Contains("Unique key (slug) on notices is in the model but not in the database.", differences);
    }

    [Fact]
    public async Task Type_and_nullability_mismatches_are_reported()
    {
        List<Migration> drifted =
        [
            new(1, "drifted", """
                CREATE TABLE notices (id uuid PRIMARY KEY, title text NOT NULL, body text NOT NULL,
                    posted_at timestamp with time zone NOT NULL, slug text NOT NULL, legacy_code integer NOT NULL);
                CREATE UNIQUE INDEX ix_notices_slug ON notices (slug);
                """),
            .. Migrations.Where(m => m.Version > 2),
        ];
        await using var context = await MigratedAsync(drifted);

        var differences = await SchemaAgreement.FindDifferencesAsync(context);

        Assert.Equivalent(
            new[]
            {
                "Column notices.title is character varying(200) in the model but text in the database.",
                "Column notices.body is nullable in the model but NOT NULL in the database.",
                "Column notices.legacy_code is NOT NULL without a default in the database but not in the model: inserts would fail.",
            },
            differences,
            strict: true);
    }

    private async Task<NoticeboardDb> MigratedAsync(IReadOnlyList<Migration> migrations)
    {
        var connectionString = await infrastructure.Shared.CreateDatabaseAsync("schema");
        await using (var source = NpgsqlDataSource.Create(connectionString))
        {
            await new SchemaMigrator(source, migrations, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        }

        return new NoticeboardDb(new DbContextOptionsBuilder<NoticeboardDb>().UseNpgsql(connectionString).Options);
    }
}
