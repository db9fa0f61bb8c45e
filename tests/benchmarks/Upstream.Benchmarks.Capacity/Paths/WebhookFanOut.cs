using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Upstream.Benchmarks.Capacity.Measuring;
using Upstream.Hosting.Infrastructure;
using Upstream.Insights.V1;
using Upstream.ServiceDefaults.Identity;
using Upstream.Testing.Hosting;
using Upstream.Testing.Insights;

namespace Upstream.Benchmarks.Capacity.Paths;

/// <summary>
/// Webhook fan-out of one publication to 200 partners' receivers on loopback (2,000 and 20,000 at 10x and 100x),
/// one in five answering 500 to its first try; timed from PublishPublication's answer until every receiver has it,
/// then each receiver's deliveries are checked by webhook-id: exactly one accepted, a failed first try retried with
/// the same id. The service runs on real time (its retries must come due by themselves) with its own timings.
/// </summary>
public static class WebhookFanOut
{
    public const string Name = "insights-webhooks";
    private const int ReceiversAt1x = 200;

    public static async Task<Outcome> RunAsync(SharedInfrastructure servers, int scale)
    {
        await using var insights = await InsightsHost.StartAsync(servers, clock: TestClock.FollowingRealTime(), overrides: Production.Settings, maximumPoolSize: Production.PoolSize);
        var webhooks = insights.Host.Client<WebhookService.WebhookServiceClient>();

        // Loopback is refused unless staff allow it, as they would for local testing.
        await webhooks.AllowCallbackHostAsync(new AllowCallbackHostRequest { Host = "127.0.0.1" }, insights.Staff);
        var count = ReceiversAt1x * scale;
        await using var receivers = await Receivers.StartAsync(count, failFirst: n => n % 5 == 0);
        await Burst.ParallelAsync(Enumerable.Range(0, count), 16, async n =>
            await webhooks.CreateWebhookSubscriptionAsync(
                new CreateWebhookSubscriptionRequest { Details = new WebhookSubscriptionDetails { Url = receivers.Url(n), Description = $"Partner {n}" } },
                insights.Host.As($"partner-{n}", Roles.Partner)));

        var published = await insights.PublishedAsync("Fan-out");
        var started = Stopwatch.GetTimestamp();
        var allIn = await Eventually.ReturnsAsync(() => Task.FromResult(receivers.Accepted), n => n >= count, $"{count} deliveries", TimeSpan.FromMinutes(30));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(5)); // long enough for a duplicate or a stray retry to show

        var each = Enumerable.Range(0, count).Select(receivers.Of).ToList();
        var onceEach = each.All(r => r.Count(a => a.Accepted) == 1);
        var failing = each.Where((_, n) => n % 5 == 0).ToList();
        var retriedSameId = failing.All(r => r.Count == 2 && !r[0].Accepted && r[0].WebhookId == r[1].WebhookId);
        var okFirst = each.Where((_, n) => n % 5 != 0).All(r => r.Count == 1);
        var distinctIds = each.Select(r => r[0].WebhookId).Distinct().Count();
        return new Outcome(
            $"{count:N0} receivers, {failing.Count:N0} failing their first try",
            [
                new Figure("publish to all delivered", elapsed, "s", "< 10 s", elapsed < 10),
                new Figure("deliveries accepted per second", count / elapsed, "/s"),
                new Figure("attempts in all", receivers.Attempts, "attempts"),
            ],
            [
                new Check("each receiver accepted exactly one delivery", onceEach && allIn == count, $"{receivers.Accepted:N0} accepted by {count:N0} receivers"),
                new Check("each failed first try retried once, with the same webhook-id", retriedSameId, $"{failing.Count(r => r.Count == 2):N0} of {failing.Count:N0} had exactly two attempts"),
                new Check("the others were tried once", okFirst, $"{each.Count(r => r.Count == 1):N0} tried once"),
                new Check("one webhook-id per receiver", distinctIds == count, $"{distinctIds:N0} distinct ids"),
            ],
            $"Publication {published.PublicationId}.");
    }

    /// <summary>
    /// Partners' receivers: one Kestrel listening on up to 200 loopback ports, receiver n at /hooks/n on port n mod
    /// the ports (200 separate servers at 1x; at 10x and 100x receivers share ports, each its own URL).
    /// </summary>
    private sealed class Receivers : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly int[] _ports;
        private readonly ConcurrentDictionary<int, ConcurrentQueue<(string WebhookId, bool Accepted)>> _received = new();
        private int _accepted;
        private int _attempts;

        private Receivers(WebApplication app, int[] ports)
        {
            _app = app;
            _ports = ports;
        }

        public int Accepted => Volatile.Read(ref _accepted);

        public int Attempts => Volatile.Read(ref _attempts);

        public string Url(int n) => $"http://127.0.0.1:{_ports[n % _ports.Length]}/hooks/{n}";

        public List<(string WebhookId, bool Accepted)> Of(int n) => _received.TryGetValue(n, out var q) ? [.. q] : [];

        public static async Task<Receivers> StartAsync(int count, Func<int, bool> failFirst)
        {
            var ports = Enumerable.Range(0, Math.Min(count, 200)).Select(_ => FreePort.Next()).Distinct().ToArray();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls([.. ports.Select(p => $"http://127.0.0.1:{p}")]);
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receivers = new Receivers(app, ports);
            app.MapPost("/hooks/{n:int}", (int n, HttpContext http) =>
            {
                var deliveries = receivers._received.GetOrAdd(n, _ => new ConcurrentQueue<(string, bool)>());
                var accept = !(failFirst(n) && deliveries.IsEmpty);
                deliveries.Enqueue((http.Request.Headers["webhook-id"].ToString(), accept));
                Interlocked.Increment(ref receivers._attempts);
                if (accept)
                {
                    Interlocked.Increment(ref receivers._accepted);
                }

                return Results.StatusCode(accept ? StatusCodes.Status204NoContent : StatusCodes.Status500InternalServerError);
            });
            await app.StartAsync();
            return receivers;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
