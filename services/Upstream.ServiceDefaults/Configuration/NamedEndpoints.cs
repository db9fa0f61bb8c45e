using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Upstream.ServiceDefaults.Configuration;

public static class NamedEndpoints
{
    /// <summary>Kestrel endpoint for REST, /health and /alive: HTTP/1.1.</summary>
    public const string Http = "http";

    /// <summary>Kestrel endpoint for gRPC: HTTP/2 only, since Kestrel takes plain-text (prior-knowledge) HTTP/2 on no other.</summary>
    public const string Grpc = "grpc";

    /// <summary>
    /// A project's Kestrel endpoints (Kestrel:Endpoints:NAME:Url, from its appsettings.json or a host) speak the
    /// protocol their name says, whoever sets their URLs: the name is the contract Aspire and service discovery use.
    /// </summary>
    public static IHostApplicationBuilder AddNamedEndpoints(this IHostApplicationBuilder builder)
    {
        var kestrel = builder.Configuration.GetSection("Kestrel");
        builder.Services.Configure<KestrelServerOptions>(options => options.Configure(kestrel, reloadOnChange: true)
            .Endpoint(Http, endpoint => endpoint.ListenOptions.Protocols = HttpProtocols.Http1)
            .Endpoint(Grpc, endpoint => endpoint.ListenOptions.Protocols = HttpProtocols.Http2));
        return builder;
    }
}
