using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Upstream.Gateway.Backends;
using Upstream.Gateway.Contracts;
using Upstream.Gateway.Edge;
using Upstream.Gateway.OpenApi;
using Upstream.Gateway.PassThrough;
using Upstream.Gateway.Transcoding;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Hosting;

public static class GatewayHosting
{
    public const string CorsPolicy = "front-ends";

    /// <summary>Everything the edge needs: routes from the contracts, backends from configuration, identity, protection.</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Gateway").Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.Configure<GatewayOptions>(builder.Configuration.GetSection("Gateway"));

        GatewayEndpoints.Listen(builder);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);

        builder.AddServiceAuthentication();
        var directory = new BackendDirectory(ProtoCatalog.All(), builder.Configuration);
        builder.Services.AddSingleton(directory);
        builder.Services.AddSingleton(new RouteTable(directory.Services));
        builder.Services.AddSingleton<RestHandler>();
        builder.Services.TryAddSingleton<IUnaryCaller, GrpcUnaryCaller>();
        builder.Services.AddSingleton<GrpcForwarder>();
        builder.Services.AddSingleton<ApiDocument>();
        builder.Services.AddHttpClient(ReplicaProbe.ClientName, client => client.Timeout = TimeSpan.FromSeconds(2));
        builder.Services.AddHostedService<ReplicaProbe>();
        builder.Services.AddHealthChecks().AddCheck<BackendsHealthCheck>("backends");
        builder.Services.AddClientRateLimiting(options);
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(options.CorsOrigins)
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("authorization", "content-type", "traceparent")
            .WithExposedHeaders("retry-after", "location")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return builder;
    }

    /// <summary>The edge pipeline, in the order each concern needs: gRPC passes through untouched by REST concerns.</summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(context =>
        {
            // Whatever broke stays in the logs; the client hears only that it did.
            var failed = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var status = failed is Microsoft.AspNetCore.Http.BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            return ProblemReply.WriteAsync(context, status, status >= 500 ? "The gateway failed to handle the request." : "The request could not be read.");
        }));
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseWhen(context => GrpcStatusReply.IsGrpc(context.Request), grpc => grpc.Run(context => context.RequestServices.GetRequiredService<GrpcForwarder>().ForwardAsync(context)));
        app.UseSecurityHeaders();
        app.UseCors(CorsPolicy);
        return app;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapGet("/openapi/v1.json", (ApiDocument document) => Results.Text(document.Json, "application/json"));
        app.MapFallback("{**path}", (HttpContext context, RestHandler rest) => rest.HandleAsync(context));
        return app;
    }
}
