using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Testing.Insights;

/// <summary>A partner's receiver on a loopback port: records every delivery (headers and exact body) and answers <see cref="Status"/>.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/upstream";

    public int Status { get; set; } = StatusCodes.Status204NoContent;

    public ConcurrentQueue<(IHeaderDictionary Headers, string Body)> Received { get; } = new();

    /// <summary>WebSub verifications of intent asked of this receiver (their query strings).</summary>
    public ConcurrentQueue<IQueryCollection> Verifications { get; } = new();

    /// <summary>Whether it confirms a WebSub subscription by echoing the challenge (a subscriber that means it).</summary>
    public bool EchoChallenge { get; set; } = true;

    /// <param name="port">A port to listen on (one a test chose earlier, to bring a receiver back up); a free one otherwise.</param>
    public static async Task<WebhookReceiver> StartAsync(int? port = null)
    {
        var chosen = port ?? FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{chosen}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, chosen);
        app.MapPost("/hooks/upstream", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue((new HeaderDictionary(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), body));
            return Results.StatusCode(receiver.Status);
        });
        app.MapGet("/hooks/upstream", (HttpContext http) =>
        {
            receiver.Verifications.Enqueue(http.Request.Query);
            return receiver.EchoChallenge ? Results.Text(http.Request.Query["hub.challenge"].ToString()) : Results.Text("no thanks");
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
