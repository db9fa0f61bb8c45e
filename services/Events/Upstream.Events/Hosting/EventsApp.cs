using Upstream.Contracts.Network;
using Upstream.Events.Consumers;
using Upstream.Events.Data;
using Upstream.Events.Domain;
using Upstream.Events.Grpc;
using Upstream.Events.Handling;
using Upstream.Messaging.Setup;
using Upstream.ServiceDefaults;
using Upstream.ServiceDefaults.Batching;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Grpc;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Events.Hosting;

/// <summary>The whole service, built one way for its own process and for tests that host it on a real port.</summary>
public static class EventsApp
{
    /// <param name="configure">Runs last, so tests can add settings and replace the clock.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Its own folder, not the working directory, holds appsettings.json (its endpoints), wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(TimeProvider.System);
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<EventsDb>("eventsdb");
        builder.AddServiceAuthentication();
        builder.AddMessaging<EventsDb>(consumers => consumers
            .Add<MemberJoinedConsumer, MemberJoined>()
            .Add<MemberLeftConsumer, MemberLeft>()
            .Add<PersonErasedConsumer, PersonErased>());
        builder.Services.AddScoped<ProgrammeEventDesk>();
        builder.Services.AddScoped<RegistrationDesk>();
        builder.Services.AddDecisionQueue<Guid, RegistrationAsk, Registration, RegistrationDecisions>();
        builder.Services.AddScoped<ExpenseClaimDesk>();
        builder.Services.AddScoped<CalendarDesk>();
        builder.AddGrpcApi();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();

        // Nothing here is public: every method needs a token, and the desks decide what each role may see.
        app.MapGrpcService<ProgrammeEventsApi>().RequireAuthorization();
        app.MapGrpcService<RegistrationsApi>().RequireAuthorization();
        app.MapGrpcService<ExpenseClaimsApi>().RequireAuthorization();
        app.MapGrpcApi();
        return app;
    }
}
