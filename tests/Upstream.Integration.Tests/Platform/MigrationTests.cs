using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Upstream.Messaging;
using Upstream.Noticeboard.Data;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Integration.Tests.Platform;

public sealed class MigrationTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly IReadOnlyList<Migration> Migrations = Migration.FromAssembly(typeof(NoticeboardDb).Assembly);

    [Fact]
    public async Task Replicas_starting_at_the_same_moment_apply_each_migration_exactly_once()
    {
        var connectionString = await infrastructure.Shared.CreateDatabaseAsync("migrate");

        // Six "replicas", each with its own connection pool, released together.
        var sources = Enumerable.Range(0, 6).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();
        using var start = new ManualResetEventSlim();
        var runs = sources.Select(source => Task.Run(async () =>
        {
            start.Wait();
            return await new SchemaMigrator(source, Migrations, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        })).ToList();
        start.Set();
        var applied = await Task.WhenAll(runs);

        Assert.Equal([1, 2, 3], applied.SelectMany(a => a).Select(m => m.Version).Order());
        await using var db = NpgsqlDataSource.Create(connectionString);
        Assert.Equal(3L, await db.CreateCommand("SELECT count(*) FROM schema_migrations").ExecuteScalarAsync());
        Assert.Equal(1L, await db.CreateCommand("SELECT count(*) FROM notices WHERE slug = 'welcome'").ExecuteScalarAsync());
        foreach (var source in sources)
        {
            await source.DisposeAsync();
        }
    }

    [Fact]
    public async Task Migrating_an_up_to_date_database_changes_nothing()
    {
        await using var source = NpgsqlDataSource.Create(await infrastructure.Shared.CreateDatabaseAsync("migrate"));
        var migrator = new SchemaMigrator(source, Migrations, NullLogger<SchemaMigrator>.Instance);

        Assert.Equal(3, (await migrator.MigrateAsync()).Count);
        Assert.Empty(await migrator.MigrateAsync());
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_afterwards_stops_start_up()
    {
        await using var source = NpgsqlDataSource.Create(await infrastructure.Shared.CreateDatabaseAsync("migrate"));
        await new SchemaMigrator(source, Migrations, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        var edited = Migrations.Select(m => m.Version == 1 ? m with { Sql = m.Sql + "\n-- edited" } : m).ToList();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SchemaMigrator(source, edited, NullLogger<SchemaMigrator>.Instance).MigrateAsync());
        Assert.Contains("Migration 1 (create_notices) was changed after it was applied", error.Message);
    }

    [Fact]
    public async Task A_failing_migration_leaves_the_schema_as_it_was()
    {
        await using var source = NpgsqlDataSource.Create(await infrastructure.Shared.CreateDatabaseAsync("migrate"));
        var broken = Migrations.Append(new Migration(4, "broken", "ALTER TABLE notices ADD COLUMN pinned boolean; SELECT no_such_function();")).ToList();

        await Assert.ThrowsAsync<PostgresException>(() => new SchemaMigrator(source, broken, NullLogger<SchemaMigrator>.Instance).MigrateAsync());

        // Not even 0001 to 0003 stuck: the whole upgrade is one transaction.
        Assert.Equal(0L, await source.CreateCommand("SELECT count(*) FROM pg_tables WHERE tablename IN ('notices', 'schema_migrations')").ExecuteScalarAsync());
    }

    [Fact]
    public void Migrations_are_found_in_the_assembly_in_version_order()
    {
        Assert.Equal(["create_notices", "add_slug_and_welcome", "notice_receipts"], Migrations.Select(m => m.Name));
    }

    [Fact]
    public void A_shared_library_s_migrations_join_the_service_s_own_in_version_order()
    {
        var migrations = Migration.FromAssemblies([typeof(NoticeboardDb).Assembly, typeof(MessagingModel).Assembly]);

        Assert.Equal([1, 2, 3, 9001], migrations.Select(m => m.Version));
        Assert.Equal("outbox_and_inbox", migrations[^1].Name);
    }

    [Fact]
    public void A_version_used_by_both_the_service_and_a_shared_library_is_refused()
    {
        // The same assembly twice is one source, not a clash; a second assembly with 0001 is.
        Assert.Equal(3, Migration.FromAssemblies([typeof(NoticeboardDb).Assembly, typeof(NoticeboardDb).Assembly]).Count);
        var error = Assert.Throws<InvalidOperationException>(() => Migration.FromAssemblies([typeof(NoticeboardDb).Assembly, typeof(Upstream.Applications.Data.ApplicationsDb).Assembly]));
        Assert.StartsWith("Two migrations share version 1:", error.Message);
    }
}
