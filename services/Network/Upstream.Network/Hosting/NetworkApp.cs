using Upstream.Contracts.Applications;
using Upstream.Domain.Registry;
using Upstream.Messaging.Setup;
using Upstream.Network.Consumers;
using Upstream.Network.Data;
using Upstream.Network.Grpc;
using Upstream.Network.Handling;
using Upstream.ServiceDefaults;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Grpc;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Network.Hosting;

/// <summary>The whole service, built one way for its own process and for tests that host it on a real port.</summary>
public static class NetworkApp
{
    /// <param name="configure">Runs last, so tests can add settings and replace the clock.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Its own folder, not the working directory, holds appsettings.json (its endpoints), wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(TimeProvider.System);
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<NetworkDb>("networkdb");
        builder.AddServiceAuthentication();
        builder.AddMessaging<NetworkDb>(consumers => consumers
            .Add<ApplicationSelectedConsumer, ApplicationSelected>());

        // Members, people, the directory, phases and partners.
        builder.Services.AddSingleton(LocalAuthorityRegistry.Shipped);
        builder.Services.AddScoped<MemberDesk>();
        builder.Services.AddScoped<PeopleDesk>();
        builder.Services.AddScoped<PersonalDataDesk>();
        builder.Services.AddScoped<DirectoryDesk>();
        builder.Services.AddScoped<PhaseDesk>();
        builder.Services.AddScoped<PartnerDesk>();

        // Workgroups, learning products, discovery visits and findings.
        builder.Services.AddScoped<WorkgroupDesk>();
        builder.Services.AddScoped<LearningProductDesk>();
        builder.Services.AddScoped<VisitDesk>();

        builder.AddGrpcApi();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();

        // Members, people, the directory, phases and partners: every method needs a token; the desks decide the rest.
        app.MapGrpcService<MembersApi>().RequireAuthorization();
        app.MapGrpcService<PeopleApi>().RequireAuthorization();
        app.MapGrpcService<DirectoryApi>().RequireAuthorization();
        app.MapGrpcService<PhasesApi>().RequireAuthorization();
        app.MapGrpcService<PartnersApi>().RequireAuthorization();

        // Workgroups are for members and staff, visits and findings for staff: every call needs a token, the desks decide the rest.
        app.MapGrpcService<WorkgroupsApi>().RequireAuthorization();
        app.MapGrpcService<VisitsApi>().RequireAuthorization();
        app.MapGrpcService<FindingsApi>().RequireAuthorization();

        app.MapGrpcApi();
        return app;
    }
}
