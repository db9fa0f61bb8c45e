using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// A replica that only says who it is: /health answers as told, and any gRPC request on its grpc endpoint gets a
/// Trailers-Only OK with an x-replica header, so a test can see where the gateway sent each call.
/// </summary>
public sealed class FakeReplica : IAsyncDisposable
{
    private ServiceHost _host = null!;

    public ServiceHost Host => _host;

    public bool Healthy { get; set; } = true;

    public static async Task<FakeReplica> StartAsync(string name)
    {
        var replica = new FakeReplica();
        replica._host = await ServiceHost.StartAsync(_ => { }, app =>
        {
            app.MapGet("/health", () => replica.Healthy ? Results.Ok() : Results.StatusCode(503));
            app.MapPost("/{**method}", (HttpContext context) =>
            {
                context.Response.ContentType = "application/grpc";
                context.Response.Headers["x-replica"] = name;
                context.Response.Headers["grpc-status"] = "0";
            });
        });
        return replica;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
