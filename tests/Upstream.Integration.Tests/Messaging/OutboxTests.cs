using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Upstream.Hosting.Infrastructure;
using Upstream.Hosting.Processes;
using Upstream.Messaging.Outbox;
using Upstream.Noticeboard;
using Upstream.Noticeboard.Data;
using Upstream.Noticeboard.Messaging;

namespace Upstream.Integration.Tests.Messaging;

public sealed class OutboxTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task An_event_published_in_a_transaction_that_rolls_back_is_never_delivered()
    {
        await using var board = await MessagingBoard.StartAsync(infrastructure.Shared);
        var abandoned = Guid.NewGuid();
        using (var scope = board.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NoticeboardDb>();
            var outbox = scope.ServiceProvider.GetRequiredService<IEventOutbox>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notices.Add(new Notice { Id = abandoned, Title = "Abandoned", Slug = "abandoned", PostedAt = DateTimeOffset.UtcNow });
            outbox.Publish(new NoticePosted(Guid.NewGuid(), DateTimeOffset.UtcNow, abandoned, "abandoned"), abandoned.ToString());
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        // A later, committed event: once it has arrived, the relay has passed the point where the other would have been.
        var committed = await board.PostAsync("committed");
        var receipts = await Eventually.ReturnsAsync(board.ReceiptsAsync, r => r.ContainsKey(committed), "the committed notice's receipt");

        Assert.Equal(new Dictionary<Guid, int> { [committed] = 1 }, receipts);
        Assert.Equal(1, await board.CountAsync("SELECT count(*) FROM outbox_messages"));
        Assert.Equal(0, await board.CountAsync("SELECT count(*) FROM notices WHERE slug = 'abandoned'"));
    }

    [Fact]
    public async Task Of_two_replicas_one_relays_and_the_other_takes_over_when_it_stops()
    {
        const string relayLocks = "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()";
        var first = await MessagingBoard.StartAsync(infrastructure.Shared);
        await Eventually.ReturnsAsync(() => first.CountAsync(relayLocks), n => n == 1, "the first replica to take the relay"); // so it is the one that stops
        await using var second = await MessagingBoard.StartAsync(infrastructure.Shared, first.Broker, database: first.Database);

        var before = new[] { await first.PostAsync("a"), await second.PostAsync("b") };
        await Eventually.ReturnsAsync(second.ReceiptsAsync, r => before.All(r.ContainsKey), "receipts while both run");
        Assert.Equal(1, await first.CountAsync(relayLocks)); // one relay for the database, not one per replica

        await first.DisposeAsync();
        var after = await second.PostAsync("c");
        var receipts = await Eventually.ReturnsAsync(second.ReceiptsAsync, r => r.ContainsKey(after), "a receipt after the relaying replica stopped");

        Assert.Equal(before.Append(after).Order(), receipts.Keys.Order());
        Assert.All(receipts.Values, n => Assert.Equal(1, n));
        Assert.Equal(1, await second.CountAsync(relayLocks));
    }

    [Fact]
    public async Task Sent_events_are_cleaned_out_of_the_outbox_after_their_retention()
    {
        await using var board = await MessagingBoard.StartAsync(infrastructure.Shared, settings: new Dictionary<string, string?>
        {
            ["Messaging:SentRetention"] = "00:00:00",
            ["Messaging:CleanupInterval"] = "00:00:00.200",
        });

        var notice = await board.PostAsync("fleeting");
        await Eventually.ReturnsAsync(board.ReceiptsAsync, r => r.ContainsKey(notice), "the receipt");

        await Eventually.ReturnsAsync(() => board.CountAsync("SELECT count(*) FROM outbox_messages"), n => n == 0, "the sent row to be cleaned up");
        Assert.Equal(1, await board.CountAsync("SELECT count(*) FROM inbox_messages")); // the inbox keeps its longer retention
    }

    [Fact]
    public async Task An_event_committed_by_a_publisher_killed_before_relaying_is_delivered_after_restart()
    {
        var database = await infrastructure.Shared.CreateDatabaseAsync("killed");
        var broker = await infrastructure.Shared.CreateVirtualHostAsync("killed");

        // First life: relaying switched off, so the event is certainly committed and not yet sent when it dies.
        Guid notice;
        await using (var first = await BoardProcess.StartAsync(database, broker, relay: false))
        {
            notice = await first.PostAsync("survivor");
            Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
            first.Kill();
        }

        await using var second = await BoardProcess.StartAsync(database, broker, relay: true);
        var receipts = await Eventually.ReturnsAsync(second.ReceiptsAsync, r => r.ContainsKey(notice), "the receipt after restart");

        Assert.Equal(new Dictionary<Guid, int> { [notice] = 1 }, receipts);
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
    }

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(database);
        return Convert.ToInt64(await source.CreateCommand(sql).ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The noticeboard as a real process (dotnet Upstream.Noticeboard.dll), configured as the app host would.</summary>
    private sealed class BoardProcess(ChildProcess process, HttpClient http) : IAsyncDisposable
    {
        public static async Task<BoardProcess> StartAsync(string database, string broker, bool relay)
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var dll = Path.Combine(Repository.Root(), "tests", "Upstream.Noticeboard", "bin", configuration, "net10.0", "Upstream.Noticeboard.dll");
            var port = FreePort.Next();
            var environment = new Dictionary<string, string?>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ConnectionStrings__notices"] = database,
                ["ConnectionStrings__messaging"] = broker,
                ["Messaging__RelayEnabled"] = relay ? "true" : "false",
            };
            foreach (var (key, value) in MessagingBoard.FastSettings)
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            var process = ChildProcess.Start(new ChildProcessSpec("dotnet", [dll]) { Environment = environment });
            var board = new BoardProcess(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
            await Eventually.ReturnsAsync(board.HealthyAsync, healthy => healthy || process.HasExited, "the noticeboard process to become healthy", TimeSpan.FromSeconds(60));
            Assert.False(process.HasExited, string.Join('\n', process.RecentOutput));
            return board;
        }

        public async Task<Guid> PostAsync(string slug)
        {
            var response = await http.PostAsJsonAsync("/notices", new PostNotice(slug, slug));
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<Guid>();
        }

        public async Task<Dictionary<Guid, int>> ReceiptsAsync() => (await http.GetFromJsonAsync<Dictionary<Guid, int>>("/receipts"))!;

        /// <summary>SIGKILL to the service itself (not its supervising guard): no shutdown hooks, no flush, like an OOM kill.</summary>
        public void Kill()
        {
            var service = ProcessTree.DescendantsOf(process.Id).Single(p => p.CommandLine.Contains("Upstream.Noticeboard.dll", StringComparison.Ordinal) && !p.CommandLine.StartsWith("/bin/sh", StringComparison.Ordinal));
            using var os = Process.GetProcessById(service.Pid);
            os.Kill();
            Assert.Equal(137, process.Exited.Wait(TimeSpan.FromSeconds(10)) ? process.Exited.Result : 0);
        }

        private async Task<bool> HealthyAsync()
        {
            try
            {
                return (await http.GetAsync("/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await process.DisposeAsync();
            http.Dispose();
        }
    }
}
