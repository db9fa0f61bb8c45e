using Google.Protobuf.Reflection;
using Grpc.AspNetCore.HealthChecks;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi.Models;

namespace Upstream.ServiceDefaults.Grpc;

/// <summary>
/// How every service serves its gRPC API, one way: Grpc.AspNetCore with the service's own refusals turned into
/// rich statuses, its google.api.http REST surface (gRPC JSON transcoding) described by an OpenAPI document at
/// /openapi/v1.json (Microsoft.AspNetCore.Grpc.Swagger; the gateway merges every service's into one), server
/// reflection, and grpc.health.v1 answered from the same ASP.NET Core health checks as /health.
/// </summary>
/// <remarks>
/// Plain-text gRPC needs an HTTP/2-only endpoint (Kestrel will not take prior-knowledge HTTP/2 on an
/// Http1AndHttp2 plain endpoint), so each service declares two Kestrel endpoints in its appsettings.json:
/// <c>http</c> (HTTP/1.1: REST, health) and <c>grpc</c> (HTTP/2). Aspire and service discovery see both by name.
/// </remarks>
public static class GrpcApiExtensions
{
    /// <summary>Where every service serves the OpenAPI document of its REST surface.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>
    /// The OpenAPI extension that marks a plain HTTP endpoint anyone may call (its <c>AllowAnonymous()</c>), which the
    /// gateway's merged document turns into optional security.
    /// </summary>
    public const string AnonymousExtension = "x-upstream-anonymous";

    /// <param name="translate">
    /// Refusals of a kind beyond the shared ones (<see cref="Refusals"/>, tried first) as the status a caller
    /// should see, or null; anything untranslated is unexpected: the caller sees INTERNAL with a generic message
    /// and it is logged.
    /// </param>
    public static IGrpcServerBuilder AddGrpcApi(this IHostApplicationBuilder builder, Func<Exception, RpcException?>? translate = null)
    {
        builder.Services.AddSingleton(new ApiErrorTranslation(e => Refusals.Translate(e) ?? translate?.Invoke(e)));
        var grpc = builder.Services.AddGrpc(options => options.Interceptors.Add<ApiErrorInterceptor>());
        // Error details (BadRequest, PreconditionFailure...) are Any values: JSON needs their types to write them.
        grpc.AddJsonTranscoding(options => options.TypeRegistry = TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor));
        builder.Services.AddGrpcSwagger();
        // A service's few plain HTTP endpoints (feeds, a WebSub hub) are part of its REST surface too.
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo { Title = builder.Environment.ApplicationName, Version = "v1" });
            // The gRPC method's name: what the contract calls the operation, and how the gateway knows it; a plain
            // endpoint's is the name it was mapped with (WithName).
            options.CustomOperationIds(api =>
                api.ActionDescriptor.EndpointMetadata.OfType<GrpcMethodMetadata>().FirstOrDefault()?.Method.Name
                ?? api.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName);
            options.OperationFilter<AnonymousOperations>();
        });
        builder.Services.AddGrpcReflection();
        // Check and Watch run the same checks as /health: NOT_SERVING while the database or broker is down.
        builder.Services.AddGrpcHealthChecks();
        return grpc;
    }

    /// <summary>
    /// Maps reflection, health and the REST surface's OpenAPI document beside the service's own APIs; call it after
    /// mapping those (MapGrpcService), so that health answers for each of them by name as well as for the server
    /// as a whole ("").
    /// </summary>
    public static IEndpointRouteBuilder MapGrpcApi(this IEndpointRouteBuilder endpoints)
    {
        // Every service shares the server's status: they live and die with the process and its dependencies.
        var health = endpoints.ServiceProvider.GetRequiredService<IOptions<GrpcHealthChecksOptions>>().Value;
        foreach (var service in endpoints.DataSources
                     .SelectMany(source => source.Endpoints)
                     .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.ServiceName)
                     .OfType<string>()
                     .Distinct(StringComparer.Ordinal))
        {
            health.Services.Map(service, (HealthCheckMapContext _) => true);
        }

        endpoints.MapSwagger(OpenApiPath.Replace("v1", "{documentName}", StringComparison.Ordinal));
        endpoints.MapGrpcReflectionService();
        endpoints.MapGrpcHealthChecksService();
        return endpoints;
    }
}
