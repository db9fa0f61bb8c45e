using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Upstream.Benchmarks.Grpc.Servers;

/// <summary>
/// The one host set-up both .NET servers share, so the only difference between them is the request handling:
/// Kestrel, HTTP/2 prior knowledge on loopback, and no per-request logging.
/// </summary>
internal static class BenchmarkHost
{
    public static WebApplicationBuilder CreateBuilder(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        return builder;
    }
}
