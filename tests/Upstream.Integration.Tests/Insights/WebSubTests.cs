using System.Net;
using System.Security.Cryptography;
using System.Text;
using Upstream.Insights.V1;

namespace Upstream.Integration.Tests.Insights;

/// <summary>The feeds' WebSub hub: subscribe, verification of intent, leases, signed content distribution; bad requests refused.</summary>
public sealed class WebSubTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_subscriber_that_confirms_its_intent_gets_the_feed_signed_when_a_piece_is_published_until_its_lease_ends()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);
        await Webhooks(insights).AllowCallbackHostAsync(new AllowCallbackHostRequest { Host = "127.0.0.1" }, insights.Staff);
        await using var subscriber = await WebhookReceiver.StartAsync();
        var topic = new Uri(insights.Host.Http.BaseAddress!, "/feeds/insights.atom").ToString();
        using var feed = await insights.Host.Http.GetAsync("/feeds/insights.atom");
        Assert.Contains("/websub/hub>; rel=\"hub\"", feed.Headers.GetValues("Link").Single());

        using var accepted = await SubscribeAsync(insights, subscriber.Url, topic, "s3cret", "172800");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var verification = (await Eventually.ReturnsAsync(() => Task.FromResult(subscriber.Verifications.ToList()), v => v.Count == 1, "the verification of intent"))[0];
        Assert.Equal(("subscribe", topic, "172800"), (verification["hub.mode"].ToString(), verification["hub.topic"].ToString(), verification["hub.lease_seconds"].ToString()));
        Assert.Equal(1, await insights.CountAsync("SELECT count(*) FROM websub_subscriptions WHERE state = 'Active'"));

        await insights.PublishedAsync();

        var (headers, body) = (await Eventually.ReturnsAsync(() => Task.FromResult(subscriber.Received.ToList()), r => r.Count == 1, "the content distribution"))[0];
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("s3cret"u8.ToArray(), Encoding.UTF8.GetBytes(body))), headers["X-Hub-Signature"].ToString());
        Assert.Contains($"<{topic}>; rel=\"self\"", headers["Link"].ToString());
        var parsed = await FeedParser.ParseAsync(body);
        Assert.Equal("What stops councils sharing data", Assert.Single(parsed.GetProperty("entries").EnumerateArray()).GetProperty("title").GetString());

        insights.Host.Clock.Now = InsightsHost.Now.AddDays(3);
        await insights.PublishedAsync("After the lease");
        await Task.Delay(1500);
        Assert.Single(subscriber.Received);
    }

    [Fact]
    public async Task A_subscriber_that_does_not_confirm_is_not_subscribed()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);
        await Webhooks(insights).AllowCallbackHostAsync(new AllowCallbackHostRequest { Host = "127.0.0.1" }, insights.Staff);
        await using var subscriber = await WebhookReceiver.StartAsync();
        subscriber.EchoChallenge = false;

        using var accepted = await SubscribeAsync(insights, subscriber.Url, new Uri(insights.Host.Http.BaseAddress!, "/feeds/insights.json").ToString());

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await insights.HeardAsync("SELECT count(*) FROM websub_subscriptions WHERE state = 'Denied'", 1, "the subscription to be denied");
        await insights.PublishedAsync();
        await Task.Delay(1500);
        Assert.Empty(subscriber.Received);
    }

    [Theory]
    [InlineData("https://partner.example/other-feed", "http://127.0.0.1:9/cb", "hub.topic")]
    [InlineData(null, "http://127.0.0.1:9/cb", "hub.callback")]
    [InlineData(null, "https://169.254.169.254/cb", "hub.callback")]
    [InlineData(null, "not a url", "hub.callback")]
    public async Task A_foreign_topic_or_an_inward_callback_is_refused_and_nothing_stored(string? topic, string callback, string field)
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);

        using var refused = await SubscribeAsync(insights, callback, topic ?? new Uri(insights.Host.Http.BaseAddress!, "/feeds/insights.atom").ToString());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"\"{field}\"", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await insights.CountAsync("SELECT count(*) FROM websub_subscriptions"));
    }

    private static async Task<HttpResponseMessage> SubscribeAsync(InsightsHost insights, string callback, string topic, string? secret = null, string? lease = null)
    {
        var form = new Dictionary<string, string> { ["hub.mode"] = "subscribe", ["hub.topic"] = topic, ["hub.callback"] = callback };
        if (secret is not null)
        {
            form["hub.secret"] = secret;
        }

        if (lease is not null)
        {
            form["hub.lease_seconds"] = lease;
        }

        return await insights.Host.Http.PostAsync("/websub/hub", new FormUrlEncodedContent(form));
    }

    private static WebhookService.WebhookServiceClient Webhooks(InsightsHost insights) => insights.Host.Client<WebhookService.WebhookServiceClient>();
}
