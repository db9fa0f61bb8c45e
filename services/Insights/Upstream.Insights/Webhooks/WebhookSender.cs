using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Webhooks;

/// <summary>
/// Works the deliveries table: claims what is due (SKIP LOCKED, so two replicas never send the same delivery at once),
/// signs and sends each, and records the outcome with the next attempt's time. Nothing is held in memory between polls,
/// so retries survive a restart.
/// </summary>
public sealed partial class WebhookSender(
    IServiceScopeFactory scopes,
    IHttpClientFactory clients,
    CallbackGuard guard,
    TimeProvider clock,
    IOptions<WebhookOptions> options,
    ILogger<WebhookSender> logger) : TablePoller(options.Value.PollInterval, logger)
{
    public const string ClientName = "webhooks";

    // Named for the service (its ApplicationName), which the service defaults' tracing listens to.
    private static readonly ActivitySource Source = new("Upstream.Insights");

    protected override async Task<int> WorkDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InsightsDb>();
        guard.Allow((await db.AllowedCallbackHosts.Select(h => h.Host).ToListAsync(cancellationToken)).ToHashSet());
        var due = await ClaimAsync(db, cancellationToken);
        foreach (var delivery in due)
        {
            var subscription = await db.WebhookSubscriptions.SingleAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
            await SendAsync(delivery, subscription, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return due.Count;
    }

    private async Task<List<WebhookDelivery>> ClaimAsync(InsightsDb db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.WebhookDeliveries.FromSql($"""
            SELECT d.*, d.xmin FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
            WHERE d.state = 'Pending' AND d.next_attempt_at <= {now} AND s.enabled
            ORDER BY d.next_attempt_at LIMIT 20 FOR UPDATE OF d SKIP LOCKED
            """).ToListAsync(cancellationToken);
        due.ForEach(d => d.Lease(now + options.Value.Lease));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due;
    }

    private async Task SendAsync(WebhookDelivery delivery, WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        // A child of the publishing request's span: one trace from the staff tool's call to the partner's receiver.
        using var activity = Source.StartActivity("webhook deliver", ActivityKind.Client, delivery.TraceParent);
        activity?.SetTag("webhook.delivery_id", delivery.Id.ToString());
        var now = clock.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(delivery.MessageId, timestamp, delivery.Payload, subscription.SigningSecrets(now)));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            Record(delivery, subscription, now, (int)response.StatusCode, response.IsSuccessStatusCode ? null : $"The receiver answered {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Record(delivery, subscription, now, 0, e is OperationCanceledException ? "The receiver did not answer in time." : e.Message);
        }
    }

    private void Record(WebhookDelivery delivery, WebhookSubscription subscription, DateTimeOffset at, int status, string? error)
    {
        if (error is null)
        {
            delivery.Delivered(at, status);
            subscription.Succeeded();
            LogDelivered(logger, delivery.Id, status);
            return;
        }

        var gone = status == (int)HttpStatusCode.Gone;
        delivery.Failed(at, status, error, gone);
        if (gone)
        {
            subscription.Gone();
        }
        else
        {
            subscription.Failed(options.Value.DisableAfterFailures);
        }

        LogFailed(logger, delivery.Id, status, delivery.Attempts.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} delivered ({Status})")]
    private static partial void LogDelivered(ILogger logger, Guid deliveryId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} failed ({Status}) on attempt {Attempt}")]
    private static partial void LogFailed(ILogger logger, Guid deliveryId, int status, int attempt);
}
