using Npgsql;

namespace Upstream.Integration.Tests.Infrastructure;

/// <summary>
/// A row's lock held by the test, as a long transaction elsewhere would hold it: the service's decisions for that
/// row wait behind it, so a test can line requests up deterministically before letting them through.
/// </summary>
public sealed class HeldRowLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private HeldRowLock(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    /// <param name="table">The table, from the test's own code (never input).</param>
    public static async Task<HeldRowLock> TakeAsync(string database, string table, string id)
    {
        var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"SELECT 1 FROM {table} WHERE id = @id FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("id", Guid.Parse(id));
        await command.ExecuteScalarAsync();
        return new HeldRowLock(connection, transaction);
    }

    /// <summary>Waits until some other session of the database is blocked on a lock (the service's batch, behind this one).</summary>
    public static Task WaitForWaiterAsync(Func<string, Task<long>> count) => Eventually.ReturnsAsync(
        () => count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"),
        n => n > 0,
        "the service's batch to wait on the held lock");

    /// <summary>Lets the waiting decisions through.</summary>
    public async Task ReleaseAsync() => await _transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
