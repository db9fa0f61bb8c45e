using Google.Protobuf;
using Grpc.Testing;
using Upstream.Grpc;

namespace Upstream.Benchmarks.Grpc.Servers;

/// <summary>
/// Our gRPC server as services use it (AddGrpcServer, MapGrpcService, the built-in tracing, metrics and logging
/// interceptors, health and reflection beside it), serving UnaryCall the way the interop server does.
/// </summary>
internal static class OurServer
{
    public static async Task RunAsync(int port)
    {
        var builder = BenchmarkHost.CreateBuilder(port);
        builder.Services.AddGrpcServer();
        var app = builder.Build();
        app.MapGrpcService<UnaryTestService>();
        await app.RunAsync();
    }

    private sealed class UnaryTestService : TestService.TestServiceBase
    {
        public override Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context) =>
            Task.FromResult(new SimpleResponse
            {
                Payload = new Payload { Body = ByteString.CopyFrom(new byte[request.ResponseSize]) },
            });
    }
}
