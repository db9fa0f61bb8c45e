using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Upstream.Grpc.InteropServer;

/// <summary>Builds the interop server: TestService on plaintext HTTP/2 (and HTTP/1.1) on one port of 127.0.0.1.</summary>
public static class InteropServerHost
{
    public static WebApplication Build(string[] args, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttp1AndHttp2()));

        // Responses are compressed only where a request asks for it (response_compressed); see TestServiceImpl.
        builder.Services.AddGrpcServer(options => options.ResponseCompression = Protocol.GrpcCompression.Gzip);
        var app = builder.Build();
        app.MapGrpcService<TestServiceImpl>();
        app.MapGet("/health", () => "Healthy");
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
