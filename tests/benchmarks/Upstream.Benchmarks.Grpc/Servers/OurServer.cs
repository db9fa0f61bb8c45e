using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;
using Upstream.ServiceDefaults;
using Upstream.ServiceDefaults.Grpc;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Benchmarks.Grpc.Servers;

/// <summary>How much of a real service's wiring the Grpc.AspNetCore server under test carries, one layer on another.</summary>
internal enum OurSetup
{
    /// <summary>Grpc.AspNetCore as its documentation sets it up: AddGrpc and MapGrpcService, nothing else.</summary>
    Default,

    /// <summary>Plus AddGrpcApi/MapGrpcApi: the error-translating interceptor, JSON transcoding, reflection, grpc health.</summary>
    Api,

    /// <summary>Plus AddServiceAuthentication (JWT bearer), UseAuthentication/UseAuthorization and RequireAuthorization.</summary>
    Authenticated,

    /// <summary>
    /// The service as ApplicationsApp builds one: the full WebApplication builder, AddServiceDefaults (telemetry,
    /// health checks), its endpoint from Kestrel:Endpoints configuration, MapDefaultEndpoints, and the layers above.
    /// </summary>
    Service,
}

/// <summary>The Grpc.AspNetCore server under test, serving UnaryCall the way the interop server does.</summary>
internal static class OurServer
{
    public static async Task RunAsync(int port, OurSetup setup)
    {
        var builder = setup == OurSetup.Service ? BenchmarkHost.CreateServiceBuilder(port) : BenchmarkHost.CreateBuilder(port);
        if (setup == OurSetup.Service)
        {
            builder.AddServiceDefaults();
        }

        if (setup >= OurSetup.Authenticated)
        {
            builder.AddServiceAuthentication();
        }

        if (setup >= OurSetup.Api)
        {
            builder.AddGrpcApi();
        }
        else
        {
            builder.Services.AddGrpc();
        }

        var app = builder.Build();
        if (setup >= OurSetup.Authenticated)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        if (setup == OurSetup.Service)
        {
            app.MapDefaultEndpoints();
        }

        var service = app.MapGrpcService<UnaryTestService>();
        if (setup >= OurSetup.Authenticated)
        {
            service.RequireAuthorization();
        }

        if (setup >= OurSetup.Api)
        {
            app.MapGrpcApi();
        }

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
