using System.Net;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Grpc.InteropServer;

/// <summary>Builds the interop server: TestService on plaintext HTTP/2 (h2c) on one port of 127.0.0.1.</summary>
public static class InteropServerHost
{
    public static WebApplication Build(string[] args, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddGrpcApi();
        // Responses are compressed only where a request asks for it (response_compressed); see TestServiceImpl.
        builder.Services.Configure<GrpcServiceOptions>(options => options.ResponseCompressionAlgorithm = "gzip");
        var app = builder.Build();
        app.MapGrpcService<TestServiceImpl>();
        app.MapGrpcApi();
        return app;
    }

    public static int PortFrom(string[] args)
    {
        var index = Array.IndexOf(args, "--port");
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var port) ? port : 0;
    }

    /// <summary>The port Kestrel listens on (the chosen one when started with port 0).</summary>
    public static int BoundPort(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Port;
    }
}
