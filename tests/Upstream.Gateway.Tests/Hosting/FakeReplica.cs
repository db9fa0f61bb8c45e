using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// A replica that only says who it is: /health answers as told, and any gRPC request gets a Trailers-Only OK
/// with an x-replica header, so a test can see where the gateway sent each call.
/// </summary>
public sealed class FakeReplica : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeReplica(WebApplication app, int port)
    {
        _app = app;
        Address = $"http://127.0.0.1:{port}";
    }

    public string Address { get; }

    public bool Healthy { get; set; } = true;

    public static Task<FakeReplica> StartAsync(string name) => FreePort.StartAsync(async port =>
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var replica = new FakeReplica(app, port);
        app.MapGet("/health", () => replica.Healthy ? Results.Ok() : Results.StatusCode(503));
        app.MapPost("/{**method}", (HttpContext context) =>
        {
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["x-replica"] = name;
            context.Response.Headers["grpc-status"] = "0";
        });
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            throw new InvalidOperationException("port taken", e);
        }

        return replica;
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
