using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Upstream.ServiceDefaults;
using Upstream.ServiceDefaults.Grpc;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// A stand-in service built the way every service is (Grpc.AspNetCore with JSON transcoding, reflection, health and
/// its OpenAPI document through ServiceDefaults), validating the forwarded bearer token itself as every service does.
/// </summary>
public static class StandInService
{
    /// <param name="mapServices">Maps the contract's gRPC services the stand-in serves.</param>
    public static Task<ServiceHost> StartAsync(Action<WebApplication> mapServices) => ServiceHost.StartAsync(
        builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Authentication:Issuer"] = "upstream-dev",
                ["Authentication:Audience"] = "upstream",
                ["Authentication:SigningKey"] = GatewayHost.SigningKey,
            });
            builder.AddServiceDefaults();
            builder.AddServiceAuthentication();
            builder.AddGrpcApi();
        },
        app =>
        {
            app.UseAuthentication();
            app.MapDefaultEndpoints();
            app.MapGrpcApi();
            mapServices(app);
        });
}
