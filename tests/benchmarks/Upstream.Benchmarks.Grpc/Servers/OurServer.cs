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
                // As the interop server does: a new zeroed array each call, owned by the ByteString without a copy.
                Payload = new Payload { Body = UnsafeByteOperations.UnsafeWrap(new byte[request.ResponseSize]) },
            });
    }
}
