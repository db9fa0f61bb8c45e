using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;
using Upstream.Insights.Feeds;
using Upstream.Insights.Webhooks;

namespace Upstream.Insights.WebSub;

/// <summary>
/// Works the hub's tasks table like the webhook sender works its deliveries: verification of intent (a GET the
/// subscriber must answer with our challenge) and content distribution (the feed as it is now, POSTed, signed with
/// X-Hub-Signature when the subscriber gave a secret), through the same guarded client.
/// </summary>
public sealed class WebSubSender(
    IServiceScopeFactory scopes,
    IHttpClientFactory clients,
    CallbackGuard guard,
    TimeProvider clock,
    IOptions<WebhookOptions> options,
    ILogger<WebSubSender> logger) : TablePoller(options.Value.PollInterval, logger)
{
    protected override async Task<int> WorkDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InsightsDb>();
        guard.Allow((await db.AllowedCallbackHosts.Select(h => h.Host).ToListAsync(cancellationToken)).ToHashSet());
        var now = clock.GetUtcNow();
        List<WebSubTask> due;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            due = await db.WebSubTasks.FromSql($"""
                SELECT t.*, t.xmin FROM websub_tasks t WHERE t.state = 'Pending' AND t.next_attempt_at <= {now}
                ORDER BY t.next_attempt_at LIMIT 20 FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
            due.ForEach(t => t.Lease(now + options.Value.Lease));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var task in due)
        {
            var subscription = await db.WebSubSubscriptions.SingleAsync(s => s.Id == task.SubscriptionId, cancellationToken);
            await (task.Kind == WebSubTaskKind.Distribute ? DistributeAsync(db, task, subscription, cancellationToken) : VerifyAsync(task, subscription, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }

        return due.Count;
    }

    private async Task VerifyAsync(WebSubTask task, WebSubSubscription subscription, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var challenge = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var subscribing = task.Kind == WebSubTaskKind.ConfirmSubscribe;
        var query = new Dictionary<string, string?>
        {
            ["hub.mode"] = subscribing ? "subscribe" : "unsubscribe",
            ["hub.topic"] = subscription.Topic,
            ["hub.challenge"] = challenge,
        };
        if (subscribing)
        {
            query["hub.lease_seconds"] = subscription.LeaseSeconds.ToString(CultureInfo.InvariantCulture);
        }

        var (status, body, error) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, QueryHelpers.AddQueryString(subscription.Callback, query)), cancellationToken);
        if (error is null && body == challenge)
        {
            task.Done(now, status);
            if (subscribing)
            {
                subscription.Confirmed(now);
            }
            else
            {
                subscription.Unsubscribed();
            }

            return;
        }

        task.Failed(now, status, error ?? "The subscriber did not echo the challenge.");
        if (subscribing)
        {
            subscription.Refused();
        }
    }

    private async Task DistributeAsync(InsightsDb db, WebSubTask task, WebSubSubscription subscription, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!subscription.IsActive(now))
        {
            // The lease ran out (or it unsubscribed) after the content was queued: nothing is owed any more.
            task.Failed(now, 0, "The subscription is no longer active.");
            return;
        }

        var topic = new Uri(subscription.Topic);
        var origin = new Uri(topic.GetLeftPart(UriPartial.Authority));
        var page = await FeedPage.LoadAsync(db, 1, cancellationToken);
        var atom = topic.AbsolutePath == FeedEndpoints.AtomPath;
        var content = atom ? AtomFeed.Write(page, origin) : JsonFeed.Write(page, origin);
        var request = new HttpRequestMessage(HttpMethod.Post, subscription.Callback)
        {
            Content = new StringContent(content, Encoding.UTF8, atom ? "application/atom+xml" : "application/feed+json"),
        };
        request.Headers.TryAddWithoutValidation("Link", WebSubHub.Links(origin, subscription.Topic));
        if (subscription.Secret is not null)
        {
            var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(subscription.Secret), Encoding.UTF8.GetBytes(content));
            request.Headers.Add("X-Hub-Signature", "sha256=" + Convert.ToHexStringLower(signature));
        }

        var (status, _, error) = await SendAsync(request, cancellationToken);
        if (error is null)
        {
            task.Done(now, status);
        }
        else
        {
            task.Failed(now, status, error);
        }
    }

    private async Task<(int Status, string Body, string? Error)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.Value.Timeout);
                using var response = await clients.CreateClient(WebhookSender.ClientName).SendAsync(request, timeout.Token);
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                return ((int)response.StatusCode, body, response.IsSuccessStatusCode ? null : $"The subscriber answered {(int)response.StatusCode}.");
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return (0, "", e is OperationCanceledException ? "The subscriber did not answer in time." : e.Message);
            }
        }
    }
}
