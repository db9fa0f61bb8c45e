using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Upstream.Benchmarks.Grpc.Warmup;

namespace Upstream.Benchmarks.Grpc.Servers;

/// <summary>
/// The one host set-up both .NET servers share, so the only difference between them is the request handling:
/// Kestrel, HTTP/2 prior knowledge on loopback, no per-request logging, and the JIT report the warm-up watches.
/// </summary>
internal static class BenchmarkHost
{
    public static WebApplicationBuilder CreateBuilder(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHostedService<JitReporter>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        return builder;
    }
}
