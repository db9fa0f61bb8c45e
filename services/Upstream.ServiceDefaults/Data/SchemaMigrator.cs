using Microsoft.Extensions.Logging;
using Npgsql;

namespace Upstream.ServiceDefaults.Data;

/// <summary>
/// Applies pending migrations in one transaction under a PostgreSQL advisory lock: when two replicas start
/// at once, one applies and the other waits, then finds nothing left to do. DDL in PostgreSQL is
/// transactional, so a failing migration leaves the schema as it was.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations, ILogger<SchemaMigrator> logger)
{
    // Any fixed number works: the lock is per database, and only migrators take it.
    private const long LockKey = 0x5570_7374_7265_616D; // "Upstream"

    /// <returns>The migrations this call applied (empty when another replica had already applied them).</returns>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamp with time zone NOT NULL DEFAULT now())
            """, cancellationToken).ConfigureAwait(false);

        var applied = new Dictionary<int, string>();
        await using (var read = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        var pending = new List<Migration>();
        foreach (var migration in migrations)
        {
            if (!applied.TryGetValue(migration.Version, out var checksum))
            {
                pending.Add(migration);
            }
            else if (checksum != migration.Checksum)
            {
                throw new InvalidOperationException(
                    $"Migration {migration.Version} ({migration.Name}) was changed after it was applied. Add a new migration instead of editing an applied one.");
            }
        }

        foreach (var migration in pending)
        {
            LogApplying(migration.Version, migration.Name);
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, checksum) VALUES (@v, @n, @c)", connection, transaction);
            record.Parameters.AddWithValue("v", migration.Version);
            record.Parameters.AddWithValue("n", migration.Name);
            record.Parameters.AddWithValue("c", migration.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogUpToDate(migrations.Count == 0 ? 0 : migrations[^1].Version, pending.Count);
        return pending;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying migration {Version} ({Name})")]
    private partial void LogApplying(int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema at version {Version}; {Applied} migration(s) applied by this instance")]
    private partial void LogUpToDate(int version, int applied);
}
