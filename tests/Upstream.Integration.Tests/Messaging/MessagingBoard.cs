using System.Net.Http.Json;
using Npgsql;
using Upstream.Noticeboard;

namespace Upstream.Integration.Tests.Messaging;

/// <summary>
/// The noticeboard with messaging on: its own fresh database and RabbitMQ virtual host, short retry and relay
/// intervals so failures show within seconds. Posting a notice publishes NoticePosted through the outbox; the
/// board's own CountReceipt consumer counts it.
/// </summary>
public sealed class MessagingBoard : IAsyncDisposable
{
    private MessagingBoard(TestService service, string database, string broker)
    {
        Service = service;
        Database = database;
        Broker = broker;
    }

    public TestService Service { get; }

    public string Database { get; }

    public string Broker { get; }

    public IServiceProvider Services => Service.Services;

    public static readonly IReadOnlyDictionary<string, string?> FastSettings = new Dictionary<string, string?>
    {
        ["Messaging:ServiceName"] = "noticeboard",
        ["Messaging:RetryLimit"] = "2",
        ["Messaging:RetryMinInterval"] = "00:00:00.050",
        ["Messaging:RetryMaxInterval"] = "00:00:00.200",
        ["Messaging:RelayPollInterval"] = "00:00:00.250",
        ["Messaging:RelayTakeoverInterval"] = "00:00:00.500",
        ["Messaging:PublishTimeout"] = "00:00:02",
    };

    public static async Task<MessagingBoard> StartAsync(SharedInfrastructure shared, string? broker = null, IReadOnlyDictionary<string, string?>? settings = null, string? database = null)
    {
        database ??= await shared.CreateDatabaseAsync("board");
        broker ??= await shared.CreateVirtualHostAsync("board");
        var all = new Dictionary<string, string?>(FastSettings)
        {
            ["ConnectionStrings:notices"] = database,
            ["ConnectionStrings:messaging"] = broker,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var board = new MessagingBoard(await TestService.StartAsync(all), database, broker);

        // Ready as an orchestrator would judge it: until the bus has bound its queues, a published event has nowhere to go.
        await Eventually.ReturnsAsync(async () => (await board.Service.Http.GetAsync("/health")).IsSuccessStatusCode, ready => ready, "the noticeboard to be ready");
        return board;
    }

    public async Task<Guid> PostAsync(string slug)
    {
        var response = await Service.Http.PostAsJsonAsync("/notices", new PostNotice($"Notice {slug}", slug));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Guid>();
    }

    public async Task<Dictionary<Guid, int>> ReceiptsAsync() =>
        (await Service.Http.GetFromJsonAsync<Dictionary<Guid, int>>("/receipts"))!;

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => Service.DisposeAsync();
}
