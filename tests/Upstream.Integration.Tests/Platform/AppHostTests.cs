using System.Text.Json;
using Npgsql;
using Upstream.Hosting.Processes;
using Upstream.Integration.Tests.Infrastructure;

namespace Upstream.Integration.Tests.Platform;

/// <summary>The app host as an operator uses it: run it, see everything healthy, Ctrl+C, run it again.</summary>
public sealed class AppHostTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"upstream-apphost-{Guid.NewGuid():N}");

    [Fact]
    public async Task Run_brings_everything_up_healthy_ctrl_c_leaves_nothing_behind_and_data_survives_a_restart()
    {
        IReadOnlyList<ProcessTree.Entry> started;
        await using (var host = AppHostProcess.Start(_data))
        {
            await host.WaitUntilRunningAsync();
            Assert.Matches(@"postgres\s+PostgreSQL\s+Running\s+Healthy\s+tcp://127\.0\.0\.1:\d+", host.Output);
            Assert.Matches(@"messaging\s+RabbitMQ\s+Running\s+Healthy\s+amqp://127\.0\.0\.1:\d+", host.Output);
            Assert.Matches(@"applications\s+Project\s+Running\s+Healthy\s+http://127\.0\.0\.1:\d+", host.Output);
            await using (var db = NpgsqlDataSource.Create(ConnectionString(host.PortOf("postgres"))))
            {
                await db.CreateCommand("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')").ExecuteNonQueryAsync();
            }

            started = ProcessTree.DescendantsOf(host.Pid);
            Assert.Contains(started, p => p.CommandLine.Contains("postgres -D", StringComparison.Ordinal));
            Assert.Contains(started, p => p.CommandLine.Contains("beam.smp", StringComparison.Ordinal));

            host.Signal(Signal.Interrupt); // Ctrl+C
            Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(90)));
            Assert.Contains("Upstream app host: stopped.", host.Output);
        }

        await AssertAllGoneAsync(started, TimeSpan.FromSeconds(5));

        await using (var again = AppHostProcess.Start(_data))
        {
            await again.WaitUntilRunningAsync();
            await using var db = NpgsqlDataSource.Create(ConnectionString(again.PortOf("postgres")));
            Assert.Equal("still here", await db.CreateCommand("SELECT note FROM kept").ExecuteScalarAsync());
            again.Signal(Signal.Terminate);
            Assert.Equal(0, await again.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        }
    }

    [Fact]
    public async Task Killing_the_app_host_outright_still_stops_every_server_it_started()
    {
        await using var host = AppHostProcess.Start(_data);
        await host.WaitUntilRunningAsync();
        var started = ProcessTree.DescendantsOf(host.Pid);
        Assert.NotEmpty(started);

        host.Signal(Signal.Kill); // no chance to clean up: the guards must do it

        await AssertAllGoneAsync(started, TimeSpan.FromSeconds(30));
    }

    private string ConnectionString(int port)
    {
        var secrets = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(_data, "secrets.json")))!;
        return $"Host=127.0.0.1;Port={port};Username={secrets["postgres:username"]};Password={secrets["postgres:password"]};Database=postgres;Pooling=false";
    }

    private static async Task AssertAllGoneAsync(IReadOnlyList<ProcessTree.Entry> processes, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        var alive = processes.Where(p => ProcessTree.IsAlive(p.Pid)).ToList();
        while (alive.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            alive = [.. alive.Where(p => ProcessTree.IsAlive(p.Pid))];
        }

        Assert.True(alive.Count == 0, "Still running: " + string.Join("; ", alive.Select(p => $"{p.Pid} {p.CommandLine}")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
