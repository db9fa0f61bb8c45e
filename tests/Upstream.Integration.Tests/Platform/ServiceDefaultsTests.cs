using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Integration.Tests.Platform;

public sealed class ServiceDefaultsTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_service_migrates_its_database_at_start_and_serves_from_it()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:notices"] = await infrastructure.Shared.CreateDatabaseAsync("service"),
        });

        Assert.Equal(["Welcome"], (await service.Http.GetFromJsonAsync<string[]>("/notices"))!);
        Assert.Equal(HttpStatusCode.OK, (await service.Http.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task A_stopped_service_leaves_no_connections_open_on_the_database_server()
    {
        var database = await infrastructure.Shared.CreateDatabaseAsync("stopped");
        var name = new NpgsqlConnectionStringBuilder(database).Database!;
        await using (var service = await TestService.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:notices"] = database }))
        {
            Assert.Equal(["Welcome"], (await service.Http.GetFromJsonAsync<string[]>("/notices"))!);
            Assert.True(await ConnectionsToAsync(name) > 0, "A running service keeps pooled connections to its database.");
        }

        // Npgsql would keep an undisposed pool's idle connections for five minutes; a stopped service's go with it.
        await Eventually.ReturnsAsync(() => ConnectionsToAsync(name), n => n == 0, "the stopped service's connections to close", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Health_is_unhealthy_while_the_database_is_down_and_alive_still_answers()
    {
        // A server of its own: stopping the shared one would break every other test.
        var root = Path.Combine(Path.GetTempPath(), $"upstream-health-{Guid.NewGuid():N}");
        await using var postgres = await LocalPostgres.StartAsync(new PostgresOptions(Path.Combine(root, "data"), FreePort.Next(), "upstream", Secret.Generate(), Durable: false));
        await postgres.CreateDatabaseAsync("notices");
        await using var service = await TestService.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:notices"] = postgres.ConnectionString("notices") });
        Assert.Equal(HttpStatusCode.OK, (await service.Http.GetAsync("/health")).StatusCode);

        await postgres.StopAsync();

        var health = await service.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("checks").GetProperty("database:notices").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await service.Http.GetAsync("/alive")).StatusCode);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Stopping_lets_requests_in_flight_finish()
    {
        var service = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:notices"] = await infrastructure.Shared.CreateDatabaseAsync("drain"),
        });
        // A client of its own: the service's client is disposed with it, which would cancel the reply it is reading.
        using var caller = new HttpClient { BaseAddress = service.Address };
        var inFlight = caller.GetStringAsync("/slow?ms=2500");
        await Eventually.ReturnsAsync(() => service.Http.GetStringAsync("/slow/started"), started => started == "1", "the slow request to be in its handler");

        await service.DisposeAsync(); // what SIGTERM does

        Assert.Equal("done", await inFlight);
    }

    [Fact]
    public async Task Traces_metrics_and_logs_go_to_the_OTLP_endpoint_as_protobuf_with_the_api_key()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var service = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:notices"] = await infrastructure.Shared.CreateDatabaseAsync("otlp"),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Address.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-api-key=let-me-in",
            ["OTEL_SERVICE_NAME"] = "noticeboard-under-test",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=noticeboard-7",
        });
        await service.Http.GetStringAsync("/notices");

        await service.DisposeAsync(); // stopping flushes every signal

        foreach (var signal in new[] { "/v1/traces", "/v1/metrics", "/v1/logs" })
        {
            var posts = receiver.Received.Where(r => r.Path == signal).ToList();
            Assert.True(posts.Count > 0, $"nothing was exported to {signal}");
            Assert.All(posts, p => Assert.Equal(("application/x-protobuf", "let-me-in"), (p.ContentType, p.ApiKey)));
            Assert.Contains(posts, p => p.Text.Contains("noticeboard-under-test", StringComparison.Ordinal) && p.Text.Contains("noticeboard-7", StringComparison.Ordinal));
        }

        var traces = string.Concat(receiver.Received.Where(r => r.Path == "/v1/traces").Select(r => r.Text));
        Assert.Contains("/notices", traces, StringComparison.Ordinal);
        Assert.DoesNotContain("/health", traces, StringComparison.Ordinal);
    }

    /// <summary>Records what an OTLP/HTTP exporter posts, as a collector would receive it.</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private OtlpReceiver(WebApplication app, Uri address)
        {
            _app = app;
            Address = address;
        }

        public Uri Address { get; }

        public ConcurrentBag<(string Path, string? ContentType, string? ApiKey, string Text)> Received { get; } = [];

        public static async Task<OtlpReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            var port = FreePort.Next();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            var receiver = new OtlpReceiver(app, new Uri($"http://127.0.0.1:{port}/"));
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                receiver.Received.Add((context.Request.Path.Value!, context.Request.ContentType, context.Request.Headers["x-otlp-api-key"].ToString(), Encoding.Latin1.GetString(body.ToArray())));
                return Results.Bytes([], "application/x-protobuf");
            });
            await app.StartAsync();
            return receiver;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private async Task<long> ConnectionsToAsync(string database)
    {
        await using var connection = new NpgsqlConnection(infrastructure.Shared.Postgres.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @database", connection);
        command.Parameters.AddWithValue("database", database);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
