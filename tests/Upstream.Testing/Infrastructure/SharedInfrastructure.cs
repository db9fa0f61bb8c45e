using Upstream.Hosting.Infrastructure;
using Upstream.Hosting.Processes;

namespace Upstream.Testing.Infrastructure;

/// <summary>
/// The one real PostgreSQL and RabbitMQ of a test run: started on first use in a temporary folder on free ports,
/// stopped when the test process exits. If the process is killed instead (a cancelled run), each server's
/// guard stops it within a second, so nothing outlives the run.
/// </summary>
public sealed class SharedInfrastructure
{
    private static readonly Lazy<Task<SharedInfrastructure>> Instance = new(StartAsync);
    private int _counter;

    private SharedInfrastructure(LocalServers servers) => Servers = servers;

    private LocalServers Servers { get; }

    public string Root => Servers.Root;

    public LocalPostgres Postgres => Servers.Postgres;

    public LocalRabbitMq RabbitMq => Servers.RabbitMq;

    public static Task<SharedInfrastructure> GetAsync() => Instance.Value;

    private static async Task<SharedInfrastructure> StartAsync()
    {
        RemoveFoldersOfDeadRuns();
        var root = Path.Combine(Path.GetTempPath(), $"upstream-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var servers = await LocalServers.StartAsync(root, $"upstream-test-{Environment.ProcessId}", durable: false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => servers.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return new SharedInfrastructure(servers);
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
