using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Upstream.Gateway.Hosting;

/// <summary>
/// Where the gateway listens. Browsers reach REST over HTTP/1.1 at ASPNETCORE_URLS; gRPC clients need HTTP/2
/// with prior knowledge, which Kestrel will not negotiate on a plaintext port that also serves HTTP/1.1, so
/// gRPC pass-through gets its own HTTP/2 port at Gateway__GrpcUrl.
/// </summary>
public static class GatewayEndpoints
{
    public static void Listen(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var rest = (configuration["urls"] is { Length: > 0 } urls ? urls : "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // The addresses are bound explicitly below; leaving "urls" set as well would only log that they were overridden.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "");
        builder.WebHost.ConfigureKestrel(kestrel => Bind(kestrel, rest, configuration["Gateway:GrpcUrl"]));
    }

    private static void Bind(KestrelServerOptions kestrel, string[] rest, string? grpc)
    {
        foreach (var url in rest)
        {
            Bind(kestrel, new Uri(url), HttpProtocols.Http1);
        }

        if (grpc is { Length: > 0 })
        {
            Bind(kestrel, new Uri(grpc), HttpProtocols.Http2);
        }
    }

    private static void Bind(KestrelServerOptions kestrel, Uri url, HttpProtocols protocols)
    {
        if (url.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException($"The gateway listens on plain http behind the platform's TLS terminator, not {url}.");
        }

        Action<ListenOptions> configure = listen => listen.Protocols = protocols;
        if (url.Host is "localhost")
        {
            kestrel.ListenLocalhost(url.Port, configure);
        }
        else if (url.Host is "*" or "+" or "0.0.0.0" or "[::]")
        {
            kestrel.ListenAnyIP(url.Port, configure);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(url.Host.Trim('[', ']')), url.Port, configure);
        }
    }
}
