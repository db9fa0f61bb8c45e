using Grpc.Core;
using Upstream.Applications.V1;
using Upstream.ServiceDefaults;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Benchmarks.Gateway;

/// <summary>
/// The service every path reaches, built as our services are (Grpc.AspNetCore with JSON transcoding through
/// ServiceDefaults, an http and a grpc endpoint): a published call, answered from memory so the service itself
/// costs little.
/// </summary>
public sealed class CallsBackend : CallService.CallServiceBase
{
    private static readonly Call Published = new() { Id = "c-1", Title = "Upstream Collaborative 2025", Description = "A call for ideas from councils working upstream.", TargetCohortSize = 20 };

    public override Task<Call> GetCall(GetCallRequest request, ServerCallContext context) => Task.FromResult(Published);

    public static async Task<WebApplication> StartAsync(int httpPort, int grpcPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{httpPort}",
            ["Kestrel:Endpoints:http:Protocols"] = "Http1",
            ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
        });
        builder.AddServiceDefaults();
        builder.AddGrpcApi();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGrpcService<CallsBackend>();
        app.MapGrpcApi();
        await app.StartAsync();
        return app;
    }
}
