using Microsoft.AspNetCore.Server.Kestrel.Core;
using Upstream.Applications.V1;
using Upstream.Grpc;

namespace Upstream.Benchmarks.Gateway;

/// <summary>The service both paths reach: a published call, answered from memory so the service itself costs little.</summary>
public sealed class CallsBackend : CallService.CallServiceBase
{
    private static readonly Call Published = new() { Id = "c-1", Title = "Upstream Collaborative 2025", Description = "A call for ideas from councils working upstream.", TargetCohortSize = 20 };

    public override Task<Call> GetCall(GetCallRequest request, ServerCallContext context) => Task.FromResult(Published);

    public static async Task<WebApplication> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcServer();
        var app = builder.Build();
        app.MapGrpcService<CallsBackend>();
        await app.StartAsync();
        return app;
    }
}
