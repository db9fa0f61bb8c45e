using Microsoft.AspNetCore.Diagnostics;
using Scalar.AspNetCore;
using Upstream.Gateway.Edge;
using Upstream.Gateway.Health;
using Upstream.Gateway.OpenApi;
using Upstream.ServiceDefaults.Identity;
using Yarp.ReverseProxy.Transforms;

namespace Upstream.Gateway.Hosting;

/// <summary>
/// The edge around YARP: routes and clusters come from the ReverseProxy configuration section, destinations from
/// service discovery (<c>http://_http.NAME</c>, <c>http://_grpc.NAME</c> resolved from the app host's
/// <c>services__NAME__ENDPOINT__N</c>); this adds identity, limits, problem details and the API document.
/// </summary>
public static class GatewayHosting
{
    public const string CorsPolicy = "front-ends";
    public const string OpenApiPath = "/openapi/v1.json";

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Gateway").Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.AddSingleton(options);

        builder.AddServiceAuthentication();
        builder.Services.AddAccessPolicies();
        builder.Services.AddClientRateLimiting(options);
        builder.Services.AddServiceDiscovery();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(transforms => transforms.AddResponseTransform(ServiceErrors.RewriteAsync));
        builder.Services.AddHealthChecks().AddCheck<ClustersHealthCheck>("clusters");
        builder.Services.AddHttpClient(ApiDocument.ClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<ApiDocument>();
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(options.CorsOrigins)
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("authorization", "content-type", "traceparent")
            .WithExposedHeaders("retry-after", "location")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return builder;
    }

    /// <summary>
    /// The edge pipeline, in the order each concern needs: who is calling, how often, whether the route allows
    /// them (before any body is read), how large a body may be; then YARP.
    /// </summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(context =>
        {
            // Whatever broke stays in the logs; the client hears only that it did.
            var failed = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var status = failed is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            return ProblemReply.WriteAsync(context, status, status >= 500 ? "The gateway failed to handle the request." : "The request could not be read.");
        }));
        app.UseSecurityHeaders();
        app.UseCors(CorsPolicy);
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseBodyLimits(app.Services.GetRequiredService<GatewayOptions>().MaxRequestBodyBytes);
        return app;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(ForwardingErrors.AnswerAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        app.MapGet(OpenApiPath, async (ApiDocument document, HttpContext context) =>
        {
            if (await document.BuildAsync(context.RequestAborted) is not { } json)
            {
                await ProblemReply.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "A service's API description is unavailable; try again shortly.");
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json.ToJsonString(), context.RequestAborted);
        });
        // The reference page loads the script bundled in Scalar.AspNetCore from this gateway, nothing from the internet.
        // Nothing that would call out: no AI agent, no web fonts, no telemetry, no hosted developer tools.
        app.MapScalarApiReference(SecurityHeaders.ReferencePath, scalar => scalar
            .WithOpenApiRoutePattern(OpenApiPath).WithTitle("Upstream API")
            .DisableAgent().DisableDefaultFonts().DisableTelemetry().HideDeveloperTools());
        app.MapFallback("{**path}", context => GrpcStatusReply.IsGrpc(context.Request)
            ? GrpcStatusReply.WriteAsync(context, GrpcStatusReply.Unimplemented, $"No service here answers {context.Request.Path}.")
            : ProblemReply.WriteAsync(context, StatusCodes.Status404NotFound, "There is nothing at this address."));
        return app;
    }
}
