using System.Diagnostics;
using System.Globalization;
using System.Text;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Upstream.Benchmarks.Messaging;
using Upstream.Hosting.Infrastructure;
using Upstream.Messaging.Outbox;
using Upstream.Messaging.Setup;
using Upstream.ServiceDefaults.Data;

// dotnet run -c Release --project tests/benchmarks/Upstream.Benchmarks.Messaging [-- --count 5000 --rate 500 --seconds 10]
var count = Argument("--count", 5000);
var rate = Argument("--rate", 500);
var seconds = Argument("--seconds", 10);
await using var servers = await LocalServers.StartAsync(
    Path.Combine(Path.GetTempPath(), $"upstream-bench-messaging-{Environment.ProcessId}"), $"upstream-bench-{Environment.ProcessId}", durable: true);
var (postgres, rabbit) = (servers.Postgres, servers.RabbitMq);
await postgres.CreateDatabaseAsync("probe");

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(args.Contains("--verbose") ? LogLevel.Information : LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:probe"] = postgres.ConnectionString("probe"),
    ["ConnectionStrings:messaging"] = rabbit.ConnectionString(),
    ["Messaging:ServiceName"] = "benchmark",
});
builder.AddServiceDatabase<ProbeDb>("probe");
builder.AddMessaging<ProbeDb>(consumers => consumers.Add<RecordArrival, ProbeSent>());
builder.Services.AddSingleton<Arrivals>();
using var host = builder.Build();
await host.StartAsync();
var arrivals = host.Services.GetRequiredService<Arrivals>();
var bus = host.Services.GetRequiredService<IBusControl>();
await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60)); // queues bound before anything is published
var number = 0;

// Both paths commit the same state change; the outbox path adds the event to that transaction and leaves the rest
// to the relay, the raw path publishes straight after committing (what a service without an outbox would do).
async Task<Guid> ViaOutboxAsync()
{
    using var scope = host.Services.CreateScope();
    var db = scope.ServiceProvider.GetRequiredService<ProbeDb>();
    var sent = new ProbeSent(Guid.NewGuid(), DateTimeOffset.UtcNow, Interlocked.Increment(ref number));
    db.Probes.Add(new Probe { Id = sent.EventId, Number = sent.Number });
    scope.ServiceProvider.GetRequiredService<IEventOutbox>().Publish(sent);
    await db.SaveChangesAsync();
    arrivals.HandedOver(sent.EventId); // committed: from here on the event is the outbox's to deliver
    return sent.EventId;
}

async Task<Guid> RawAsync()
{
    using var scope = host.Services.CreateScope();
    var db = scope.ServiceProvider.GetRequiredService<ProbeDb>();
    var sent = new ProbeSent(Guid.NewGuid(), DateTimeOffset.UtcNow, Interlocked.Increment(ref number));
    db.Probes.Add(new Probe { Id = sent.EventId, Number = sent.Number });
    await db.SaveChangesAsync();
    arrivals.HandedOver(sent.EventId);
    await bus.Publish(sent, context => context.MessageId = sent.EventId);
    return sent.EventId;
}

async Task WaitForAsync(IReadOnlyCollection<Guid> ids)
{
    var deadline = DateTime.UtcNow.AddMinutes(5);
    while (ids.Any(id => !arrivals.LatenciesReady(id)))
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException("Events did not all arrive within 5 minutes.");
        }

        await Task.Delay(20);
    }
}

// As fast as 32 concurrent publishers can go: commit (or publish) to the last consumption.
async Task<(double PerSecond, IReadOnlyList<double> Latencies)> SaturateAsync(Func<Task<Guid>> publish, int events)
{
    var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
    var start = Stopwatch.GetTimestamp();
    await Parallel.ForAsync(0, events, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, _) => ids.Add(await publish()));
    await WaitForAsync(ids);
    var elapsed = Stopwatch.GetElapsedTime(start, arrivals.LastArrival(ids)).TotalSeconds;
    return (events / elapsed, arrivals.LatenciesMs(ids));
}

// A steady offered rate: event i is handed over at start + i/rate, whatever happened to the ones before.
async Task<(double PerSecond, IReadOnlyList<double> Latencies)> SustainAsync(Func<Task<Guid>> publish, int perSecond, int duration)
{
    var total = perSecond * duration;
    var tasks = new List<Task<Guid>>(total);
    var start = Stopwatch.GetTimestamp();
    for (var i = 0; i < total; i++)
    {
        var due = TimeSpan.FromSeconds((double)i / perSecond) - Stopwatch.GetElapsedTime(start);
        if (due > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(due);
        }

        tasks.Add(Task.Run(publish));
    }

    var ids = await Task.WhenAll(tasks);
    await WaitForAsync(ids);
    var elapsed = Stopwatch.GetElapsedTime(start, arrivals.LastArrival(ids)).TotalSeconds;
    return (total / elapsed, arrivals.LatenciesMs(ids));
}

Console.WriteLine("Warming up...");
await SaturateAsync(RawAsync, 500);
await SaturateAsync(ViaOutboxAsync, 500);

Console.WriteLine($"Saturation: {count} events per path...");
var rawMax = await SaturateAsync(RawAsync, count);
var outboxMax = await SaturateAsync(ViaOutboxAsync, count);
Console.WriteLine($"Sustained: {rate}/s for {seconds} s per path...");
var rawSteady = await SustainAsync(RawAsync, rate, seconds);
var outboxSteady = await SustainAsync(ViaOutboxAsync, rate, seconds);
await host.StopAsync();

static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
var ratio = outboxMax.PerSecond / rawMax.PerSecond;
var p99 = Percentile(outboxSteady.Latencies, 99);
var report = new StringBuilder()
    .AppendLine("# Messaging benchmark: outbox path vs raw MassTransit publish")
    .AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (load average at start: {LoadAverage()}), local PostgreSQL 15 (fsync on) and RabbitMQ, one process publishing and consuming.")
    .AppendLine("Both paths commit the same one-row state change per event and use the same consumer behind the inbox (one PostgreSQL")
    .AppendLine("transaction per message). Raw publishes with MassTransit right after the commit (not crash-safe); outbox adds the event to the")
    .AppendLine("transaction and the relay publishes it. Latency runs from the commit returning to the consumer running.")
    .AppendLine()
    .AppendLine("| path | saturated events/s (32 publishers) | p50 ms | p99 ms | at " + rate + "/s: achieved events/s | p50 ms | p99 ms |")
    .AppendLine("|---|---|---|---|---|---|---|")
    .AppendLine(CultureInfo.InvariantCulture, $"| raw MassTransit publish | {F(rawMax.PerSecond)} | {F(Percentile(rawMax.Latencies, 50))} | {F(Percentile(rawMax.Latencies, 99))} | {F(rawSteady.PerSecond)} | {F(Percentile(rawSteady.Latencies, 50))} | {F(Percentile(rawSteady.Latencies, 99))} |")
    .AppendLine(CultureInfo.InvariantCulture, $"| outbox (commit, relay, publish) | {F(outboxMax.PerSecond)} | {F(Percentile(outboxMax.Latencies, 50))} | {F(Percentile(outboxMax.Latencies, 99))} | {F(outboxSteady.PerSecond)} | {F(Percentile(outboxSteady.Latencies, 50))} | {F(p99)} |")
    .AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"- Outbox throughput is {ratio:P0} of raw (target at least 50%): {(ratio >= 0.5 ? "met" : "NOT met")}.")
    .AppendLine(CultureInfo.InvariantCulture, $"- Outbox p99 at {rate}/s is {F(p99)} ms (target under 250 ms): {(p99 < 250 ? "met" : "NOT met")}.")
    .AppendLine(rawSteady.PerSecond < rate * 0.95
        ? $"- Even the raw path could not carry {rate}/s on this machine at this moment (it reached {F(rawSteady.PerSecond)}/s), so both sustained runs queued and their latencies measure the backlog, not the outbox."
        : $"- The raw path carried the offered {rate}/s, so the sustained latencies compare like with like.")
    .AppendLine(CultureInfo.InvariantCulture, $"- {count} events per saturation run, {rate * seconds} per sustained run, after 500 warm-up events per path.")
    .ToString();
var results = Path.Combine(RepositoryRoot(), "tests", "benchmarks", "results", "messaging.md");
await File.WriteAllTextAsync(results, report);
Console.WriteLine(report);
Console.WriteLine($"Written to {results}");

int Argument(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Upstream.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Upstream.sln not found above the benchmark's output folder.");
}
