using System.Net;
using Upstream.Domain.Refusals;
using Upstream.Insights.Domain;
using Upstream.Insights.Webhooks;

namespace Upstream.Insights.Tests;

public sealed class WebhookTests
{
    private static readonly DateTimeOffset At = new(2030, 11, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_signature_matches_the_standard_webhooks_example()
    {
        // The example in the Standard Webhooks specification's own test suite.
        var signature = WebhookSignature.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}", ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd12::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("93.184.215.14", false)]
    [InlineData("2606:4700::1111", false)]
    public void Inward_addresses_are_told_from_public_ones(string address, bool inward) =>
        Assert.Equal(inward, CallbackUrl.PointsInward(IPAddress.Parse(address)));

    [Fact]
    public async Task A_name_that_resolves_inward_is_refused_unless_its_host_is_allowed()
    {
        Task<IPAddress[]> Rebound(string host) => Task.FromResult(new[] { IPAddress.Parse("93.184.215.14"), IPAddress.Parse("10.0.0.7") });

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => CallbackUrl.CheckAsync("https://partner.example/hook", "url", new HashSet<string>(), Rebound));
        var allowed = await CallbackUrl.CheckAsync("http://partner.example/hook", "url", new HashSet<string> { "partner.example" }, Rebound);

        Assert.Contains("10.0.0.7", Assert.Single(refused.Violations).Description);
        Assert.Equal("http://partner.example/hook", allowed.Value);
    }

    [Fact]
    public void Failed_deliveries_back_off_on_the_schedule_and_are_abandoned_after_it_or_at_once_on_a_410()
    {
        var delivery = WebhookDelivery.For(Guid.NewGuid(), "insight.published", "{}", At, null);
        var now = At;
        foreach (var wait in WebhookDelivery.RetrySchedule)
        {
            delivery.Failed(now, 503, "down", gone: false);
            Assert.Equal((DeliveryState.Pending, now + wait), (delivery.State, delivery.NextAttemptAt));
            now = delivery.NextAttemptAt;
        }

        delivery.Failed(now, 503, "down", gone: false);
        Assert.Equal((DeliveryState.Abandoned, WebhookDelivery.RetrySchedule.Count + 1), (delivery.State, delivery.Attempts.Count));

        var gone = WebhookDelivery.For(Guid.NewGuid(), "insight.published", "{}", At, null);
        gone.Failed(At, 410, "gone", gone: true);
        Assert.Equal(DeliveryState.Abandoned, gone.State);
    }

    [Fact]
    public void A_rotated_out_secret_signs_beside_the_new_one_for_a_day_only()
    {
        var subscription = WebhookSubscription.Subscribe("partner-1", CallbackUrlFor("https://93.184.215.14/hook"), "", [], "whsec_old", At);

        subscription.Rotate("whsec_new", At);

        Assert.Equal(["whsec_new", "whsec_old"], subscription.SigningSecrets(At.AddHours(23)));
        Assert.Equal(["whsec_new"], subscription.SigningSecrets(At.AddHours(24)));
    }

    [Fact]
    public void Failures_in_a_row_disable_a_subscription_and_a_success_resets_the_count()
    {
        var subscription = WebhookSubscription.Subscribe("partner-1", CallbackUrlFor("https://93.184.215.14/hook"), "", [], WebhookSecret.New(), At);

        subscription.Failed(3);
        subscription.Failed(3);
        subscription.Succeeded();
        subscription.Failed(3);
        subscription.Failed(3);
        Assert.True(subscription.Enabled);
        subscription.Failed(3);

        Assert.Equal((false, 3), (subscription.Enabled, subscription.ConsecutiveFailures));
        subscription.Enable();
        Assert.Equal((true, 0), (subscription.Enabled, subscription.ConsecutiveFailures));
        Assert.Throws<DomainRuleException>(subscription.Enable);
    }

    [Fact]
    public void A_subscription_hears_of_publications_unless_it_chooses_and_an_unknown_event_type_is_a_field_error()
    {
        var url = CallbackUrlFor("https://93.184.215.14/hook");

        var unchosen = WebhookSubscription.Subscribe("partner-1", url, "", [], WebhookSecret.New(), At);
        var both = WebhookSubscription.Subscribe("partner-1", url, "", ["finding.recorded", "insight.published", "finding.recorded"], WebhookSecret.New(), At);
        var refused = Assert.Throws<InvalidInputException>(() => WebhookSubscription.Subscribe("partner-1", url, "", ["finding.recorded", "grant.paid"], WebhookSecret.New(), At));

        Assert.Equal(["insight.published"], unchosen.EventTypes);
        Assert.Equal(["insight.published", "finding.recorded"], both.EventTypes);
        var violation = Assert.Single(refused.Violations);
        Assert.Equal("details.event_types", violation.Field);
        Assert.Contains("'grant.paid'", violation.Description);
    }

    private static CallbackUrl CallbackUrlFor(string url) =>
        CallbackUrl.CheckAsync(url, "url", new HashSet<string>(), _ => Task.FromResult(Array.Empty<IPAddress>())).GetAwaiter().GetResult();
}
