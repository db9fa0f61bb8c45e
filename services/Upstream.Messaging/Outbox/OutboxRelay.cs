using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Upstream.Messaging.Setup;

namespace Upstream.Messaging.Outbox;

/// <summary>
/// Relays committed outbox rows to RabbitMQ and marks them sent.
/// <para>
/// One relay per database at a time, chosen by a PostgreSQL session advisory lock held on the relay's own
/// connection. We prefer this to several relays taking rows with FOR UPDATE SKIP LOCKED: skipping locked rows
/// lets two replicas send consecutive events of one aggregate at the same moment, so they could arrive out of
/// order. With one relay, order per aggregate is simply the stored order. If the relaying replica dies, its
/// session ends, the lock is released, and another replica takes over within <see cref="MessagingOptions.RelayTakeoverInterval"/>.
/// </para>
/// <para>
/// A crash after publishing but before marking sent publishes the row again after restart: at-least-once,
/// made exactly-once in effect by the consumers' inbox (the message id is the event id).
/// </para>
/// </summary>
internal sealed partial class OutboxRelay(NpgsqlDataSource dataSource, IBusControl bus, IOptions<MessagingOptions> options, TimeProvider time, ILogger<OutboxRelay> logger) : BackgroundService
{
    private const long LockKey = 0x5570_4f75_7462_6f78; // "UpOutbox"
    private const string Channel = "outbox_messages";
    private static readonly ActivitySource Source = new("Upstream.Messaging");
    private readonly MessagingOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RelayEnabled)
        {
            return;
        }

        // Not before the bus has declared its topology: an event published to an exchange nothing is bound to
        // yet (this service's own consumers, on a fresh broker) would be dropped by RabbitMQ.
        try
        {
            await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RelayWhileLeaderAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRelayFailed(e);
                await Task.Delay(_options.RelayTakeoverInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task RelayWhileLeaderAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        while (!await ScalarAsync<bool>(connection, $"SELECT pg_try_advisory_lock({LockKey})", cancellationToken))
        {
            await Task.Delay(_options.RelayTakeoverInterval, time, cancellationToken);
        }

        var notified = 0;
        connection.Notification += (_, _) => Volatile.Write(ref notified, 1);
        try
        {
            await ScalarAsync<object>(connection, $"LISTEN {Channel}", cancellationToken);
            LogLeading();
            var nextCleanup = time.GetUtcNow();
            while (true)
            {
                var full = await RelayBatchAsync(connection, cancellationToken);
                if (time.GetUtcNow() >= nextCleanup)
                {
                    await CleanUpAsync(connection, cancellationToken);
                    nextCleanup = time.GetUtcNow() + _options.CleanupInterval;
                }

                // A notification read while relaying is remembered; one still on the socket ends the wait at once.
                if (!full && Interlocked.Exchange(ref notified, 0) == 0)
                {
                    await connection.WaitAsync(_options.RelayPollInterval, cancellationToken);
                    Volatile.Write(ref notified, 0);
                }
            }
        }
        finally
        {
            // The connection returns to the pool: never leave the lock (or the LISTEN) behind on it.
            try
            {
                await ScalarAsync<object>(connection, "UNLISTEN *; SELECT pg_advisory_unlock_all()", CancellationToken.None);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The connection is broken, so the session (and its lock) is gone with it.
            }
        }
    }

    /// <returns>Whether the batch was full (more may be waiting).</returns>
    private async Task<bool> RelayBatchAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var batch = new List<PendingEvent>();
        await using (var select = new NpgsqlCommand(
            "SELECT sequence, message_id, aggregate_key, message_type, body, trace_parent, trace_state FROM outbox_messages WHERE sent_at IS NULL ORDER BY sequence LIMIT @limit",
            connection))
        {
            select.Parameters.AddWithValue("limit", _options.RelayBatchSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                batch.Add(new PendingEvent(
                    reader.GetInt64(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }

        if (batch.Count == 0)
        {
            return false;
        }

        // Aggregates in parallel; within one aggregate strictly in order, stopping at the first failure so a
        // later event never overtakes an earlier one.
        var groups = batch.GroupBy(e => e.AggregateKey ?? e.MessageId.ToString());
        var sent = await Task.WhenAll(groups.Select(g => PublishInOrderAsync(g, cancellationToken)));
        var sequences = sent.SelectMany(s => s).ToArray();
        if (sequences.Length > 0)
        {
            await using var mark = new NpgsqlCommand("UPDATE outbox_messages SET sent_at = @now WHERE sequence = ANY(@sequences)", connection);
            mark.Parameters.AddWithValue("now", time.GetUtcNow());
            mark.Parameters.AddWithValue("sequences", sequences);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        if (sequences.Length < batch.Count)
        {
            // The broker is away or refused: keep the lock (and the order) and try the rest again shortly.
            await Task.Delay(_options.RelayPollInterval, time, cancellationToken);
            return true;
        }

        return batch.Count == _options.RelayBatchSize;
    }

    private async Task<List<long>> PublishInOrderAsync(IEnumerable<PendingEvent> events, CancellationToken cancellationToken)
    {
        var sent = new List<long>();
        foreach (var pending in events)
        {
            try
            {
                await PublishAsync(pending, cancellationToken);
                sent.Add(pending.Sequence);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogPublishFailed(e, pending.MessageId);
                break;
            }
        }

        return sent;
    }

    private async Task PublishAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        var type = EventTypes.Resolve(pending.MessageType);
        var message = JsonSerializer.Deserialize(pending.Body, type, EventTypes.Json)!;

        // Re-enter the publisher's trace: MassTransit's send span (and its traceparent header) become its children.
        ActivityContext.TryParse(pending.TraceParent, pending.TraceState, out var parent);
        using var activity = Source.StartActivity("outbox relay", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", pending.MessageId.ToString());

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        await bus.Publish(message, type, context => context.MessageId = pending.MessageId, timeout.Token);
    }

    private async Task CleanUpAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var clean = new NpgsqlCommand("DELETE FROM outbox_messages WHERE sent_at < @sent; DELETE FROM inbox_messages WHERE received_at < @received", connection);
        clean.Parameters.AddWithValue("sent", time.GetUtcNow() - _options.SentRetention);
        clean.Parameters.AddWithValue("received", time.GetUtcNow() - _options.InboxRetention);
        await clean.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T?)await command.ExecuteScalarAsync(cancellationToken);
    }

    private sealed record PendingEvent(long Sequence, Guid MessageId, string? AggregateKey, string MessageType, string Body, string? TraceParent, string? TraceState);

    [LoggerMessage(Level = LogLevel.Information, Message = "This instance now relays the outbox")]
    private partial void LogLeading();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay interrupted; retrying")]
    private partial void LogRelayFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox event {MessageId} failed; it stays in the outbox")]
    private partial void LogPublishFailed(Exception exception, Guid messageId);
}
