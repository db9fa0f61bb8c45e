using Upstream.Applications.Bulk;
using Upstream.Applications.Consumers;
using Upstream.Applications.Data;
using Upstream.Applications.Grpc;
using Upstream.Applications.Handling;
using Upstream.Contracts.Network;
using Upstream.Messaging.Setup;
using Upstream.ServiceDefaults;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Grpc;
using Upstream.ServiceDefaults.Identity;
using Upstream.Domain.Registry;

namespace Upstream.Applications.Hosting;

/// <summary>The whole service, built one way for its own process and for tests that host it on a real port.</summary>
public static class ApplicationsApp
{
    /// <param name="configure">Runs last, so tests can add settings and replace the clock.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Its own folder, not the working directory, holds appsettings.json (its endpoints), wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(TimeProvider.System);
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<ApplicationsDb>("applicationsdb");
        builder.AddServiceAuthentication();
        builder.AddMessaging<ApplicationsDb>(consumers => consumers
            .Add<PersonErasedConsumer, PersonErased>());
        builder.Services.AddSingleton(LocalAuthorityRegistry.Shipped);
        builder.Services.AddScoped<CallDesk>();
        builder.Services.AddScoped<ApplicationDesk>();
        builder.Services.AddScoped<ReviewDesk>();
        builder.Services.AddScoped<BulkDesk>();
        builder.Services.AddScoped<CohortDesk>();
        builder.AddGrpcApi();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();

        // Published calls are public (the desk decides what an anonymous caller sees); everything else needs a token.
        app.MapGrpcService<CallsApi>();
        app.MapGrpcService<ApplicationsApi>().RequireAuthorization();
        app.MapGrpcService<ReviewsApi>().RequireAuthorization();
        app.MapGrpcService<TransferApi>().RequireAuthorization();
        app.MapGrpcService<CohortsApi>().RequireAuthorization();
        app.MapGrpcApi();
        return app;
    }
}
