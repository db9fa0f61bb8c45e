using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Upstream.Domain.Refusals;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;
using Upstream.Insights.Feeds;

namespace Upstream.Insights.WebSub;

/// <summary>
/// The feeds' WebSub hub (W3C WebSub 5.1): a subscriber posts hub.mode, hub.topic, hub.callback and optionally
/// hub.lease_seconds and hub.secret; a valid request is answered 202 and its intent verified asynchronously. A topic
/// that is not one of our feeds, or a callback that points inward, is refused with 400 and nothing is stored.
/// </summary>
public static class WebSubHub
{
    public const string Path = "/websub/hub";

    public static void MapWebSubHub(this WebApplication app) =>
        app.MapPost(Path, (HttpContext http, InsightsDb db, TimeProvider clock) => RequestAsync(http, db, clock)).DisableAntiforgery()
            .WithName("RequestWebSubSubscription").WithTags("Feeds")
            .WithSummary("Subscribes a callback to a feed (or unsubscribes it); the hub then verifies the intent with the callback.")
            .Accepts<WebSubRequestForm>("application/x-www-form-urlencoded")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .AllowAnonymous();

    /// <summary>The Link headers that tell a feed reader where the hub is (WebSub 4).</summary>
    public static string Links(Uri origin, string topic) => $"<{new Uri(origin, Path)}>; rel=\"hub\", <{topic}>; rel=\"self\"";

    private static async Task<IResult> RequestAsync(HttpContext http, InsightsDb db, TimeProvider clock)
    {
        if (!http.Request.HasFormContentType)
        {
            return Problem("hub.mode", "Send application/x-www-form-urlencoded with hub.mode, hub.topic and hub.callback.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (mode, topic, callback) = (form["hub.mode"].ToString(), form["hub.topic"].ToString(), form["hub.callback"].ToString());
        var secret = form["hub.secret"].ToString();
        var lease = form["hub.lease_seconds"].ToString();
        var errors = new Dictionary<string, string[]>();
        void Require(bool ok, string field, string message)
        {
            if (!ok)
            {
                errors[field] = [message];
            }
        }

        Require(mode is "subscribe" or "unsubscribe", "hub.mode", "subscribe or unsubscribe.");
        Require(Uri.TryCreate(topic, UriKind.Absolute, out var topicUri) && topicUri.AbsolutePath is FeedEndpoints.AtomPath or FeedEndpoints.JsonPath,
            "hub.topic", $"Not a topic of this hub: subscribe to {FeedEndpoints.AtomPath} or {FeedEndpoints.JsonPath}.");
        Require(Encoding.UTF8.GetByteCount(secret) < 200, "hub.secret", "Under 200 bytes.");
        Require(lease.Length == 0 || int.TryParse(lease, NumberStyles.None, CultureInfo.InvariantCulture, out _), "hub.lease_seconds", "A whole number of seconds.");
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        CallbackUrl checkedCallback;
        try
        {
            var allowed = (await db.AllowedCallbackHosts.Select(h => h.Host).ToListAsync(http.RequestAborted)).ToHashSet();
            checkedCallback = await CallbackUrl.CheckAsync(callback, "hub.callback", allowed, host => Dns.GetHostAddressesAsync(host, http.RequestAborted));
        }
        catch (InvalidInputException refused)
        {
            return Results.ValidationProblem(refused.Violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Description).ToArray()));
        }

        var now = clock.GetUtcNow();
        TimeSpan? asked = lease.Length > 0 ? TimeSpan.FromSeconds(int.Parse(lease, CultureInfo.InvariantCulture)) : null;
        var existing = await db.WebSubSubscriptions.FirstOrDefaultAsync(s => s.Callback == checkedCallback.Value && s.Topic == topic, http.RequestAborted);
        if (mode == "unsubscribe")
        {
            // Unsubscribing what was never subscribed needs no verification: there is nothing to remove.
            if (existing is not null)
            {
                db.WebSubTasks.Add(WebSubTask.For(existing.Id, WebSubTaskKind.ConfirmUnsubscribe, now));
            }
        }
        else if (existing is null)
        {
            var subscription = WebSubSubscription.Requested(checkedCallback, topic, asked, secret.Length > 0 ? secret : null, now);
            db.WebSubSubscriptions.Add(subscription);
            db.WebSubTasks.Add(WebSubTask.For(subscription.Id, WebSubTaskKind.ConfirmSubscribe, now));
        }
        else
        {
            existing.Renew(asked, secret.Length > 0 ? secret : null, now);
            db.WebSubTasks.Add(WebSubTask.For(existing.Id, WebSubTaskKind.ConfirmSubscribe, now));
        }

        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Accepted();
    }

    private static IResult Problem(string field, string message) => Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
