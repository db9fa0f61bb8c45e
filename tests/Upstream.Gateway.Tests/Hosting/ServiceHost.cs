using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// A service process stand-in on real loopback ports, shaped as our services are: an <c>http</c> endpoint
/// (HTTP/1.1: REST, health, OpenAPI) and a <c>grpc</c> endpoint (HTTP/2 with prior knowledge).
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceHost(WebApplication app, int httpPort, int grpcPort)
    {
        _app = app;
        HttpAddress = $"http://127.0.0.1:{httpPort}";
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
    }

    public string HttpAddress { get; }

    public string GrpcAddress { get; }

    /// <summary>The configuration keys a host gives the gateway for this service, as the app host does.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Discovery(string name, int replica = 0) =>
    [
        new($"services:{name}:http:{replica}", HttpAddress),
        new($"services:{name}:grpc:{replica}", GrpcAddress),
    ];

    public static Task<ServiceHost> StartAsync(Action<WebApplicationBuilder> configure, Action<WebApplication> map) => FreePort.StartAsync(async httpPort =>
    {
        var grpcPort = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // The endpoints as a service's appsettings.json names them (and as a host overrides their URLs).
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{httpPort}",
            ["Kestrel:Endpoints:http:Protocols"] = nameof(HttpProtocols.Http1),
            ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:grpc:Protocols"] = nameof(HttpProtocols.Http2),
        });
        configure(builder);
        var app = builder.Build();
        map(app);
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException("port taken", e);
        }

        return new ServiceHost(app, httpPort, grpcPort);
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
