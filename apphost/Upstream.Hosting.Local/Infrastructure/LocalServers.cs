namespace Upstream.Hosting.Infrastructure;

/// <summary>
/// A PostgreSQL and a RabbitMQ of their own, for a test run or a benchmark: started together on free ports in one
/// folder, with generated credentials. Disposing stops both and deletes the folder; if the process is killed
/// instead, each server's guard stops it within a second.
/// </summary>
public sealed class LocalServers : IAsyncDisposable
{
    private LocalServers(string root, LocalPostgres postgres, LocalRabbitMq rabbitMq)
    {
        Root = root;
        Postgres = postgres;
        RabbitMq = rabbitMq;
    }

    public string Root { get; }

    public LocalPostgres Postgres { get; }

    public LocalRabbitMq RabbitMq { get; }

    /// <param name="root">A folder of their own (created; deleted on dispose).</param>
    /// <param name="nodeName">RabbitMQ's node name, unique on the machine so it never meets another node.</param>
    /// <param name="durable">Whether PostgreSQL really flushes commits: on to measure, off for speed in tests.</param>
    public static async Task<LocalServers> StartAsync(string root, string nodeName, bool durable)
    {
        Directory.CreateDirectory(root);
        var postgres = FreePort.StartAsync(port => LocalPostgres.StartAsync(new PostgresOptions(Path.Combine(root, "postgres"), port, "upstream", Secret.Generate(), durable)));
        var rabbitMq = FreePort.StartAsync(port => LocalRabbitMq.StartAsync(new RabbitMqOptions(Path.Combine(root, "rabbitmq"), port, $"{nodeName}@localhost", "upstream", Secret.Generate())));
        try
        {
            await Task.WhenAll(postgres, rabbitMq).ConfigureAwait(false);
        }
        catch
        {
            await StopAsync(root, postgres, rabbitMq).ConfigureAwait(false);
            throw;
        }

        return new LocalServers(root, postgres.Result, rabbitMq.Result);
    }

    public async ValueTask DisposeAsync() =>
        await StopAsync(Root, Task.FromResult(Postgres), Task.FromResult(RabbitMq)).ConfigureAwait(false);

    private static async Task StopAsync(string root, Task<LocalPostgres> postgres, Task<LocalRabbitMq> rabbitMq)
    {
        // In parallel: a test platform may end the process soon after the last test (the guards then finish the job).
        await Task.WhenAll(
            postgres.IsCompletedSuccessfully ? postgres.Result.DisposeAsync().AsTask() : Task.CompletedTask,
            rabbitMq.IsCompletedSuccessfully ? rabbitMq.Result.DisposeAsync().AsTask() : Task.CompletedTask).ConfigureAwait(false);

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary folder left behind is harmless.
        }
    }
}
