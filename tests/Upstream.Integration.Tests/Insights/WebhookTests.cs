using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using Upstream.Insights.V1;
using Upstream.Protos.Errors;

namespace Upstream.Integration.Tests.Insights;

/// <summary>
/// Partners' webhooks: a publication reaches a subscribed receiver signed so an independent Standard Webhooks verifier
/// accepts it; a receiver that is down gets it later; 410 and repeated failures disable; replays; SSRF refused.
/// </summary>
public sealed class WebhookTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_published_piece_reaches_a_subscribed_receiver_with_a_signature_an_independent_verifier_accepts()
    {
        await using var insights = await StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await SubscribeAsync(insights, receiver.Url);
        Assert.StartsWith("whsec_", subscription.Secret);

        var published = await insights.PublishedAsync();

        var (headers, body) = await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Received.ToList()), r => r.Count == 1, "the delivery").ContinueWith(t => t.Result[0]);
        new StandardWebhook(subscription.Secret).Verify(body, headers);
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook("whsec_" + Convert.ToBase64String(new byte[32])).Verify(body, headers));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(subscription.Secret).Verify(body.Replace("sharing", "SHARING"), headers));
        using var payload = JsonDocument.Parse(body);
        Assert.Equal("insight.published", payload.RootElement.GetProperty("type").GetString());
        Assert.Equal(published.PublicationId, payload.RootElement.GetProperty("data").GetProperty("publication_id").GetString());

        var log = Assert.Single((await Webhooks(insights).ListWebhookDeliveriesAsync(new ListWebhookDeliveriesRequest { SubscriptionId = subscription.SubscriptionId }, insights.Partner)).Deliveries);
        Assert.Equal(("delivered", 204, headers["webhook-id"].ToString()), (log.State, Assert.Single(log.Attempts).StatusCode, log.MessageId));
    }

    [Fact]
    public async Task A_receiver_that_is_down_gets_the_delivery_later_and_a_replay_carries_the_same_webhook_id()
    {
        await using var insights = await StartAsync();
        var port = Upstream.Hosting.Infrastructure.FreePort.Next();
        var subscription = await SubscribeAsync(insights, $"http://127.0.0.1:{port}/hooks/upstream");

        await insights.PublishedAsync();

        var failed = await DeliveryAsync(insights, subscription, d => d.Attempts.Count == 1, "a first, failed attempt");
        Assert.Equal(("pending", 0), (failed.State, failed.Attempts[0].StatusCode));
        Assert.Equal(5, (failed.NextAttemptAt.ToDateTimeOffset() - failed.Attempts[0].AttemptedAt.ToDateTimeOffset()).TotalSeconds, precision: 3);
        await using var receiver = await WebhookReceiver.StartAsync(port);
        await Task.Delay(1000);
        Assert.Empty(receiver.Received);

        insights.Host.Clock.Now = insights.Host.Clock.Now.AddSeconds(6);

        var delivered = await DeliveryAsync(insights, subscription, d => d.State == "delivered", "the retry to reach the receiver");
        Assert.Equal([0, 204], delivered.Attempts.Select(a => a.StatusCode));
        var (headers, body) = Assert.Single(receiver.Received);
        new StandardWebhook(subscription.Secret).Verify(body, headers);

        var replay = await Webhooks(insights).ReplayWebhookDeliveryAsync(new ReplayWebhookDeliveryRequest { DeliveryId = delivered.DeliveryId }, insights.Partner);
        await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Received.Count), n => n == 2, "the replay");
        Assert.Equal(headers["webhook-id"].ToString(), receiver.Received.Last().Headers["webhook-id"].ToString());
        Assert.Equal(delivered.MessageId, replay.MessageId);
    }

    [Fact]
    public async Task A_delivery_that_failed_before_a_restart_is_retried_by_the_restarted_service()
    {
        var port = Upstream.Hosting.Infrastructure.FreePort.Next();
        var first = await StartAsync();
        var subscription = await SubscribeAsync(first, $"http://127.0.0.1:{port}/hooks/upstream");
        await first.PublishedAsync();
        await DeliveryAsync(first, subscription, d => d.Attempts.Count == 1, "a first, failed attempt");
        var (database, broker, later) = (first.Host.Database, first.Host.Broker, first.Host.Clock.Now.AddSeconds(6));
        await first.DisposeAsync();
        await using var receiver = await WebhookReceiver.StartAsync(port);

        await using var restarted = await InsightsHost.StartAsync(infrastructure.Shared, broker, now: later, database: database);

        var delivered = await DeliveryAsync(restarted, subscription, d => d.State == "delivered", "the restarted service to retry");
        Assert.Equal([0, 204], delivered.Attempts.Select(a => a.StatusCode));
        new StandardWebhook(subscription.Secret).Verify(Assert.Single(receiver.Received).Body, receiver.Received.Single().Headers);
    }

    [Fact]
    public async Task A_410_disables_the_subscription_at_once_and_repeated_failures_disable_it_until_enabled_again()
    {
        await using var insights = await StartAsync();
        await using var gone = await WebhookReceiver.StartAsync();
        await using var failing = await WebhookReceiver.StartAsync();
        gone.Status = 410;
        failing.Status = 500;
        var goneSubscription = await SubscribeAsync(insights, gone.Url);
        var failingSubscription = await SubscribeAsync(insights, failing.Url);

        await insights.PublishedAsync();
        var abandoned = await DeliveryAsync(insights, goneSubscription, d => d.State == "abandoned", "the 410 to abandon the delivery");
        Assert.Equal(410, Assert.Single(abandoned.Attempts).StatusCode);
        var disabled = await Webhooks(insights).GetWebhookSubscriptionAsync(new GetWebhookSubscriptionRequest { SubscriptionId = goneSubscription.SubscriptionId }, insights.Partner);
        Assert.Equal(("disabled", "Disabled: the receiver answered 410 Gone."), (disabled.State, disabled.DisabledReason));

        // Three failures in a row (the test host's threshold) disable; the clock moves past each backoff.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await DeliveryAsync(insights, failingSubscription, d => d.Attempts.Count == attempt, $"attempt {attempt}");
            insights.Host.Clock.Now = insights.Host.Clock.Now.AddHours(1);
        }

        var stopped = await Webhooks(insights).GetWebhookSubscriptionAsync(new GetWebhookSubscriptionRequest { SubscriptionId = failingSubscription.SubscriptionId }, insights.Staff);
        Assert.Equal(("disabled", 3), (stopped.State, stopped.ConsecutiveFailures));
        await Task.Delay(1500);
        Assert.Equal(3, failing.Received.Count);

        failing.Status = 200;
        await Webhooks(insights).EnableWebhookSubscriptionAsync(new EnableWebhookSubscriptionRequest { SubscriptionId = failingSubscription.SubscriptionId }, insights.Partner);
        var resumed = await DeliveryAsync(insights, failingSubscription, d => d.State == "delivered", "the waiting delivery to resume");
        Assert.Equal([500, 500, 500, 200], resumed.Attempts.Select(a => a.StatusCode));
    }

    [Fact]
    public async Task After_a_secret_rotation_deliveries_verify_with_the_new_secret_and_the_old_one_for_a_day()
    {
        await using var insights = await StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await SubscribeAsync(insights, receiver.Url);

        var rotated = await Webhooks(insights).RotateWebhookSecretAsync(new RotateWebhookSecretRequest { SubscriptionId = subscription.SubscriptionId }, insights.Partner);
        await insights.PublishedAsync();

        var (headers, body) = (await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Received.ToList()), r => r.Count == 1, "the delivery"))[0];
        Assert.NotEqual(subscription.Secret, rotated.Secret);
        new StandardWebhook(rotated.Secret).Verify(body, headers);

        // Two signatures, space-separated; this verifier checks only the first of several, so each is given it alone.
        var signatures = headers["webhook-signature"].ToString().Split(' ');
        Assert.Equal(2, signatures.Length);
        new StandardWebhook(rotated.Secret).Verify(body, WithSignature(headers, signatures[0]));
        new StandardWebhook(subscription.Secret).Verify(body, WithSignature(headers, signatures[1]));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(subscription.Secret).Verify(body, WithSignature(headers, signatures[0])));
        Assert.Equal("", (await Webhooks(insights).GetWebhookSubscriptionAsync(new GetWebhookSubscriptionRequest { SubscriptionId = subscription.SubscriptionId }, insights.Partner)).Secret);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook", "points inward")]
    [InlineData("https://localhost/hook", "points inward")]
    [InlineData("https://10.1.2.3/hook", "points inward")]
    [InlineData("https://192.168.0.10/hook", "points inward")]
    [InlineData("https://169.254.169.254/latest/meta-data", "points inward")]
    [InlineData("https://[::1]/hook", "points inward")]
    [InlineData("https://[fd00::1]/hook", "points inward")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "points inward")]
    [InlineData("https://0.0.0.0/hook", "points inward")]
    [InlineData("http://93.184.215.14/hook", "https")]
    [InlineData("ftp://example.org/hook", "absolute http or https")]
    [InlineData("not a url", "absolute http or https")]
    [InlineData("https://user:pw@93.184.215.14/hook", "user name or password")]
    public async Task A_callback_url_that_points_inward_or_is_malformed_is_refused_and_nothing_stored(string url, string said)
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);

        var refused = await Assert.ThrowsAsync<RpcException>(() => Webhooks(insights).CreateWebhookSubscriptionAsync(Subscription(url), insights.Partner).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.All(refused.GetFieldViolations(), v => Assert.Equal("details.url", v.Field));
        Assert.Contains(refused.GetFieldViolations(), v => v.Description.Contains(said, StringComparison.Ordinal));
        Assert.Equal(0, await insights.CountAsync("SELECT count(*) FROM webhook_subscriptions"));
    }

    [Fact]
    public async Task Partners_see_only_their_own_subscriptions_members_none_and_only_staff_allow_a_host()
    {
        await using var insights = await StartAsync();
        var mine = await SubscribeAsync(insights, "http://127.0.0.1:9/hook");
        var other = insights.Host.As("partner-2", Upstream.ServiceDefaults.Identity.Roles.Partner);

        var hidden = await Assert.ThrowsAsync<RpcException>(() => Webhooks(insights).GetWebhookSubscriptionAsync(new GetWebhookSubscriptionRequest { SubscriptionId = mine.SubscriptionId }, other).ResponseAsync);
        var member = await Assert.ThrowsAsync<RpcException>(() => Webhooks(insights).ListWebhookSubscriptionsAsync(new ListWebhookSubscriptionsRequest(), insights.Member).ResponseAsync);
        var allow = await Assert.ThrowsAsync<RpcException>(() => Webhooks(insights).AllowCallbackHostAsync(new AllowCallbackHostRequest { Host = "10.0.0.1" }, insights.Partner).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Webhooks(insights).ListWebhookDeliveriesAsync(new ListWebhookDeliveriesRequest { SubscriptionId = Guid.NewGuid().ToString() }, insights.Staff).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, StatusCode.PermissionDenied, StatusCode.PermissionDenied, StatusCode.NotFound), (hidden.StatusCode, member.StatusCode, allow.StatusCode, unknown.StatusCode));
        Assert.Empty((await Webhooks(insights).ListWebhookSubscriptionsAsync(new ListWebhookSubscriptionsRequest(), other)).Subscriptions);
        Assert.Equal([mine.SubscriptionId], (await Webhooks(insights).ListWebhookSubscriptionsAsync(new ListWebhookSubscriptionsRequest(), insights.Staff)).Subscriptions.Select(s => s.SubscriptionId));
    }

    /// <summary>Real time on the service's clock: the independent verifier checks webhook-timestamp against it.</summary>
    private async Task<InsightsHost> StartAsync()
    {
        var insights = await InsightsHost.StartAsync(infrastructure.Shared, now: DateTimeOffset.UtcNow);

        // The receivers listen on loopback, which is refused unless staff allow it (as they would for local testing).
        await Webhooks(insights).AllowCallbackHostAsync(new AllowCallbackHostRequest { Host = "127.0.0.1" }, insights.Staff);
        return insights;
    }

    private static HeaderDictionary WithSignature(IHeaderDictionary headers, string signature) =>
        new(headers.ToDictionary(h => h.Key, h => h.Key == "webhook-signature" ? new Microsoft.Extensions.Primitives.StringValues(signature) : h.Value));

    private static WebhookService.WebhookServiceClient Webhooks(InsightsHost insights) => insights.Host.Client<WebhookService.WebhookServiceClient>();

    private static CreateWebhookSubscriptionRequest Subscription(string url) =>
        new() { Details = new WebhookSubscriptionDetails { Url = url, Description = "Partner newsroom" } };

    private static Task<WebhookSubscription> SubscribeAsync(InsightsHost insights, string url) =>
        Webhooks(insights).CreateWebhookSubscriptionAsync(Subscription(url), insights.Partner).ResponseAsync;

    private static async Task<WebhookDelivery> DeliveryAsync(InsightsHost insights, WebhookSubscription subscription, Func<WebhookDelivery, bool> done, string what)
    {
        var deliveries = await Eventually.ReturnsAsync(
            async () => (await Webhooks(insights).ListWebhookDeliveriesAsync(new ListWebhookDeliveriesRequest { SubscriptionId = subscription.SubscriptionId }, insights.Staff)).Deliveries,
            d => d.Count > 0 && done(d[^1]),
            what);
        return deliveries[^1];
    }
}
