using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Upstream.Benchmarks.Grpc.Warmup;

namespace Upstream.Benchmarks.Grpc.Servers;

/// <summary>
/// The host set-ups of the .NET servers. <see cref="CreateBuilder"/> is shared by bare Kestrel and the gRPC
/// servers short of a whole service, so the only difference between them is the request handling: Kestrel, HTTP/2
/// prior knowledge on loopback, no per-request logging. <see cref="CreateServiceBuilder"/> is a service's own.
/// Both carry the JIT report the warm-up watches.
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

    /// <summary>
    /// As ApplicationsApp builds a service: the full builder with its default logging (console at Information,
    /// as no service sets levels) and the grpc endpoint declared in configuration, HTTP/2 only. The
    /// Authentication settings come from the environment (Authentication__*), as the app host passes them.
    /// </summary>
    public static WebApplicationBuilder CreateServiceBuilder(int port)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Kestrel:Endpoints:grpc:Url"] = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        builder.Configuration["Kestrel:Endpoints:grpc:Protocols"] = "Http2";
        builder.Services.AddHostedService<JitReporter>();
        return builder;
    }
}
