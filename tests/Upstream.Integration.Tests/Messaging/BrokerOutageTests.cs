using System.Net;
using System.Text.Json;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Integration.Tests.Messaging;

/// <summary>Stops RabbitMQ under a running service, so it uses a broker of its own rather than the run's shared one.</summary>
public sealed class BrokerOutageTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Events_published_while_RabbitMQ_stops_and_restarts_all_arrive_exactly_once_and_health_shows_the_outage()
    {
        var folder = Path.Combine(infrastructure.Shared.Root, $"outage-{Guid.NewGuid():N}");
        var rabbit = await FreePort.StartAsync(port => LocalRabbitMq.StartAsync(new RabbitMqOptions(folder, port, $"upstream-outage-{Environment.ProcessId}@localhost", "upstream", Secret.Generate())));
        var options = rabbit.Options;
        try
        {
            await using var board = await MessagingBoard.StartAsync(infrastructure.Shared, rabbit.ConnectionString());
            await Eventually.ReturnsAsync(() => HealthAsync(board), h => h.Status == HttpStatusCode.OK, "the service to be healthy");

            // Events keep coming throughout: before, during and after the outage.
            var posted = new List<Guid>();
            using var flowing = new CancellationTokenSource();
            var publisher = Task.Run(async () =>
            {
                for (var i = 0; !flowing.IsCancellationRequested; i++)
                {
                    posted.Add(await board.PostAsync($"n{i}"));
                    await Task.Delay(25);
                }
            });

            await Task.Delay(1000);
            await rabbit.StopAsync();
            var down = await Eventually.ReturnsAsync(() => HealthAsync(board), h => h.Status == HttpStatusCode.ServiceUnavailable, "/health to report the broker down");
            Assert.Equal("Unhealthy", down.Checks["broker:messaging"]);
            Assert.Equal("Healthy", down.Checks["database:notices"]);
            await Task.Delay(1000);

            await rabbit.DisposeAsync();
            rabbit = await LocalRabbitMq.StartAsync(options); // same node name and folder: its durable queues come back
            await Task.Delay(1000);
            await flowing.CancelAsync();
            await publisher;

            var receipts = await Eventually.ReturnsAsync(board.ReceiptsAsync, r => r.Count >= posted.Count, $"all {posted.Count} receipts", TimeSpan.FromSeconds(90));
            Assert.Equal(posted.Order(), receipts.Keys.Order());
            Assert.All(receipts.Values, n => Assert.Equal(1, n));
            await Eventually.ReturnsAsync(() => HealthAsync(board), h => h.Status == HttpStatusCode.OK, "the service to be healthy again");
        }
        finally
        {
            await rabbit.DisposeAsync();
        }
    }

    private sealed record Health(HttpStatusCode Status, Dictionary<string, string> Checks);

    private static async Task<Health> HealthAsync(MessagingBoard board)
    {
        using var response = await board.Service.Http.GetAsync("/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new Health(
            response.StatusCode,
            body.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString()!));
    }
}
