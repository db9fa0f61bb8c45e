using Upstream.Hosting.Infrastructure;

namespace Upstream.Integration.Tests.Infrastructure;

/// <summary>
/// The one real PostgreSQL and RabbitMQ of a test run: started on first use in a temporary folder on free ports,
/// stopped when the test process exits. If the process is killed instead (a cancelled run), each server's
/// guard stops it within a second, so nothing outlives the run.
/// </summary>
public sealed class SharedInfrastructure
{
    private static readonly Lazy<Task<SharedInfrastructure>> Instance = new(StartAsync);
    private int _counter;

    private SharedInfrastructure(string root, LocalPostgres postgres, LocalRabbitMq rabbitMq)
    {
        Root = root;
        Postgres = postgres;
        RabbitMq = rabbitMq;
    }

    public string Root { get; }

    public LocalPostgres Postgres { get; }

    public LocalRabbitMq RabbitMq { get; }

    public static Task<SharedInfrastructure> GetAsync() => Instance.Value;

    private static async Task<SharedInfrastructure> StartAsync()
    {
        RemoveFoldersOfDeadRuns();
        var root = Path.Combine(Path.GetTempPath(), $"upstream-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(root);
        var postgres = FreePort.StartAsync(port => LocalPostgres.StartAsync(new PostgresOptions(Path.Combine(root, "postgres", "data"), port, "upstream", Secret.Generate(), Durable: false)));
        var rabbitMq = FreePort.StartAsync(port => LocalRabbitMq.StartAsync(new RabbitMqOptions(Path.Combine(root, "rabbitmq"), port, $"upstream-test-{Environment.ProcessId}@localhost", "upstream", Secret.Generate())));
        try
        {
            await Task.WhenAll(postgres, rabbitMq);
        }
        catch
        {
            await StopAllAsync(root, postgres, rabbitMq);
            throw;
        }

        var shared = new SharedInfrastructure(root, postgres.Result, rabbitMq.Result);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAllAsync(root, postgres, rabbitMq).GetAwaiter().GetResult();
        return shared;
    }

    private static async Task StopAllAsync(string root, Task<LocalPostgres> postgres, Task<LocalRabbitMq> rabbitMq)
    {
        // In parallel: the test platform may end the process soon after the last test (the guards then finish the job).
        await Task.WhenAll(
            postgres.IsCompletedSuccessfully ? postgres.Result.DisposeAsync().AsTask() : Task.CompletedTask,
            rabbitMq.IsCompletedSuccessfully ? rabbitMq.Result.DisposeAsync().AsTask() : Task.CompletedTask);

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    /// <summary>A run that was killed could not delete its folder; the next run does, once that run's process is gone.</summary>
    private static void RemoveFoldersOfDeadRuns()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), "upstream-tests-*"))
        {
            var parts = Path.GetFileName(dir).Split('-');
            if (parts.Length > 2 && int.TryParse(parts[2], out var pid) && !ProcessTree.IsAlive(pid))
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Still in use by a server that is shutting down: the next run will try again.
                }
            }
        }
    }

    /// <summary>A new, empty database for one test: tests never see each other's rows.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _counter)}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 20)];
        await Postgres.CreateDatabaseAsync(name);
        return Postgres.ConnectionString(name);
    }

    /// <summary>A new virtual host for one test's exchanges and queues, as an amqp:// connection string.</summary>
    public Task<string> CreateVirtualHostAsync(string prefix = "test") =>
        RabbitMq.CreateVirtualHostAsync($"{prefix}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 20)]);
}
