using Upstream.Contracts.Network;
using Upstream.Grants.Consumers;
using Upstream.Grants.Data;
using Upstream.Grants.Domain;
using Upstream.Grants.Grpc;
using Upstream.Grants.Handling;
using Upstream.Messaging.Setup;
using Upstream.ServiceDefaults;
using Upstream.ServiceDefaults.Batching;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Grpc;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Grants.Hosting;

/// <summary>The whole service, built one way for its own process and for tests that host it on a real port.</summary>
public static class GrantsApp
{
    /// <param name="configure">Runs last, so tests can add settings and replace the clock.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Its own folder, not the working directory, holds appsettings.json (its endpoints), wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(TimeProvider.System);
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<GrantsDb>("grantsdb");
        builder.AddServiceAuthentication();
        builder.AddMessaging<GrantsDb>(consumers => consumers
            .Add<MemberJoinedConsumer, MemberJoined>()
            .Add<MemberLeftConsumer, MemberLeft>()
            .Add<PersonErasedConsumer, PersonErased>());
        builder.Services.AddScoped<FundDesk>();
        builder.Services.AddScoped<RequestDesk>();
        builder.Services.AddScoped<AssessmentDesk>();
        builder.Services.AddDecisionQueue<Guid, AwardAsk, Grant, AwardDecisions>();
        builder.Services.AddScoped<GrantDesk>();
        builder.AddGrpcApi();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();

        // Nothing here is public: every method needs a token, and the desks decide what each role may see.
        app.MapGrpcService<FundsApi>().RequireAuthorization();
        app.MapGrpcService<GrantRequestsApi>().RequireAuthorization();
        app.MapGrpcService<AssessmentsApi>().RequireAuthorization();
        app.MapGrpcService<GrantsApi>().RequireAuthorization();
        app.MapGrpcApi();
        return app;
    }
}
