using Microsoft.EntityFrameworkCore;
using Upstream.ServiceDefaults;
using Upstream.ServiceDefaults.Configuration;
using Upstream.Noticeboard.Data;
using Upstream.ServiceDefaults.Data;

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

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/notices", async (NoticeboardDb db) => await db.Notices.OrderBy(n => n.PostedAt).Select(n => n.Title).ToListAsync());

        // A request still in flight when the service is told to stop: it must finish, not be cut off.
        app.MapGet("/slow", async (int ms) =>
        {
            await Task.Delay(ms);
            return "done";
        });

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
}

public sealed record EnvironmentReport(string? ServiceName, string? ResourceAttributes, string? Urls, string[] ConnectionStrings, string[] PeerEndpoints, string? Greeting);
