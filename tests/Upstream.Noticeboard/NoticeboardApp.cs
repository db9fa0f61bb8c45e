using Microsoft.EntityFrameworkCore;
using Upstream.ServiceDefaults;
using Upstream.ServiceDefaults.Configuration;
using Upstream.Noticeboard.Data;
using Upstream.ServiceDefaults.Data;
using Upstream.Messaging.Outbox;
using Upstream.Messaging.Setup;
using Upstream.Noticeboard.Messaging;

namespace Upstream.Noticeboard;

public static class NoticeboardApp
{
    /// <summary>The whole service; the caller adds configuration (tests) or passes command-line arguments (a process).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<NoticeboardDb>("notices");

        // Messaging only when a broker is provided: the platform's own tests run the noticeboard without one.
        var messaging = builder.Configuration.GetConnectionString(MessagingExtensions.ConnectionName) is not null;
        if (messaging)
        {
            builder.Services.AddSingleton<ReceiptFaults>();
            builder.AddMessaging<NoticeboardDb>(consumers => consumers.Add<CountReceipt, NoticePosted>());
        }

        var app = builder.Build();
        if (messaging)
        {
            MapMessaging(app);
        }

        app.MapDefaultEndpoints();
        app.MapGet("/notices", async (NoticeboardDb db) => await db.Notices.OrderBy(n => n.PostedAt).Select(n => n.Title).ToListAsync());

        // A request still in flight when the service is told to stop: it must finish, not be cut off. A test asks how
        // many are in their handler, so it stops the service only once one surely is (a loaded machine is slow to get there).
        var inFlight = 0;
        app.MapGet("/slow", async (int ms) =>
        {
            Interlocked.Increment(ref inFlight);
            await Task.Delay(ms);
            return "done";
        });
        app.MapGet("/slow/started", () => Volatile.Read(ref inFlight));

        // What the host injected, so app host tests can check Aspire's conventions. Names and shapes only: no secrets.
        app.MapGet("/environment", (IConfiguration configuration) => new EnvironmentReport(
            configuration["OTEL_SERVICE_NAME"],
            configuration["OTEL_RESOURCE_ATTRIBUTES"],
            configuration["ASPNETCORE_URLS"],
            [.. configuration.GetSection("ConnectionStrings").GetChildren().Select(c => c.Key).Order()],
            [.. configuration.GetServiceEndpoints("peer").Select(u => u.ToString())],
            configuration["NOTICEBOARD_GREETING"]));

        // Lets a test make the process die the way a crashing service does: with a message and an exit code.
        app.MapPost("/crash", (ILogger<EnvironmentReport> log) =>
        {
            log.LogCritical("Crashing on request");
            Environment.Exit(3);
        });
        return app;
    }

    private static void MapMessaging(WebApplication app)
    {
        // Posting a notice and announcing it are one unit of work: both commit, or neither.
        app.MapPost("/notices", async (PostNotice post, NoticeboardDb db, IEventOutbox outbox, TimeProvider time) =>
        {
            var notice = new Notice { Id = Guid.NewGuid(), Title = post.Title, Slug = post.Slug, PostedAt = time.GetUtcNow() };
            db.Notices.Add(notice);
            outbox.Publish(new NoticePosted(Guid.NewGuid(), notice.PostedAt, notice.Id, notice.Slug), aggregateKey: notice.Id.ToString());
            await db.SaveChangesAsync();
            return Results.Created($"/notices/{notice.Id}", notice.Id);
        });
        app.MapGet("/receipts", async (NoticeboardDb db) => await db.Receipts.ToDictionaryAsync(r => r.NoticeId, r => r.Receipts));
    }
}

public sealed record PostNotice(string Title, string Slug);

public sealed record EnvironmentReport(string? ServiceName, string? ResourceAttributes, string? Urls, string[] ConnectionStrings, string[] PeerEndpoints, string? Greeting);
