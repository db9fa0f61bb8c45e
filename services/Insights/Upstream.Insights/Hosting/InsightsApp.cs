using Upstream.Contracts.Events;
using Upstream.Contracts.Grants;
using Upstream.Contracts.Network;
using Upstream.Domain.Registry;
using Upstream.Insights.Consumers;
using Upstream.Insights.Data;
using Upstream.Insights.Feeds;
using Upstream.Insights.Grpc;
using Upstream.Insights.Handling;
using Upstream.Insights.Webhooks;
using Upstream.Insights.WebSub;
using Upstream.Messaging.Setup;
using Upstream.ServiceDefaults;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Grpc;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Insights.Hosting;

/// <summary>The whole service, built one way for its own process and for tests that host it on a real port.</summary>
public static class InsightsApp
{
    /// <param name="configure">Runs last, so tests can add settings and replace the clock.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Its own folder, not the working directory, holds appsettings.json (its endpoints), wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(TimeProvider.System);
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<InsightsDb>("insightsdb");
        builder.AddServiceAuthentication();
        builder.AddMessaging<InsightsDb>(consumers => consumers
            .Add<FindingRecordedConsumer, FindingRecorded>()
            .Add<LearningProductSubmittedConsumer, LearningProductSubmitted>()
            .Add<GrantAwardedConsumer, GrantAwarded>()
            .Add<GrantReportSubmittedConsumer, GrantReportSubmitted>()
            .Add<GrantPaidConsumer, GrantPaid>()
            .Add<AttendanceRecordedConsumer, AttendanceRecorded>()
            .Add<MemberJoinedConsumer, MemberJoined>()
            .Add<PhaseStartedConsumer, PhaseStarted>()
            .Add<PersonErasedConsumer, PersonErased>());
        builder.Services.AddScoped<EvidenceStore>();
        builder.Services.AddScoped<PatternDesk>();
        builder.Services.AddScoped<PublicationDesk>();
        builder.Services.AddScoped<PublicationWatch>();
        builder.Services.AddScoped<WebhookDesk>();
        builder.Services.AddScoped<WebhookQueue>();
        builder.Services.AddScoped<GlanceDesk>();
        builder.Services.AddSingleton(LocalAuthorityRegistry.Shipped);
        builder.AddWebhooks();
        builder.AddGrpcApi();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();

        // Published insight and the feeds are public (the desk hides drafts from anyone but staff); patterns need a token.
        app.MapGrpcService<PublicationsApi>();
        app.MapGrpcService<PatternsApi>().RequireAuthorization();
        app.MapGrpcService<WebhooksApi>().RequireAuthorization();
        app.MapGrpcService<ProgrammeApi>().RequireAuthorization();
        app.MapFeeds();
        app.MapWebSubHub();
        app.MapGrantsFeed();
        app.MapGrpcApi();
        return app;
    }
}
