using Grpc.Core;
using Upstream.Contracts;
using Upstream.Domain.Time;
using Upstream.Insights.Hosting;
using Upstream.Insights.V1;
using Upstream.Testing.Hosting;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Testing.Insights;

/// <summary>
/// The Insights service on a <see cref="ServiceHost"/>, with its typed clients, callers by role, a way to announce
/// other services' events on its broker (as Network, Grants and Events would) and to count what it stored.
/// </summary>
public sealed class InsightsHost(ServiceHost host) : IAsyncDisposable
{
    /// <summary>A Tuesday in November 2030, 10:00 in London.</summary>
    public static readonly DateTimeOffset Now = ProgrammeTime.ToInstant(new DateTime(2030, 11, 5, 10, 0, 0));

    public ServiceHost Host { get; } = host;

    public PublicationService.PublicationServiceClient Publications => Host.Client<PublicationService.PublicationServiceClient>();

    public InsightPatternService.InsightPatternServiceClient Patterns => Host.Client<InsightPatternService.InsightPatternServiceClient>();

    public Metadata Staff => Host.As("staff-1", Roles.Staff);

    public Metadata Partner => Host.As("partner-1", Roles.Partner);

    public Metadata Member => Host.As("member-bristol", Roles.Member, "BRI");

    /// <param name="now">The service clock's start (webhook tests need real time: receivers check the signed timestamp).</param>
    /// <param name="database">Another host's database, to start the service again on what it left (a restart).</param>
    /// <param name="overrides">Configuration over the test host's (a benchmark restores production timings).</param>
    /// <param name="maximumPoolSize">The service's database connections: the machine is small and shared.</param>
    public static async Task<InsightsHost> StartAsync(
        SharedInfrastructure infrastructure,
        string? broker = null,
        TestClock? clock = null,
        DateTimeOffset? now = null,
        string? database = null,
        IReadOnlyDictionary<string, string?>? overrides = null,
        int maximumPoolSize = ServiceHost.DefaultPoolSize)
    {
        // The webhook sender polls often and gives up on a subscription after three failures in a row, so tests see it soon.
        var settings = new Dictionary<string, string?> { ["Webhooks:PollInterval"] = "00:00:00.200", ["Webhooks:DisableAfterFailures"] = "3" };
        if (database is not null)
        {
            settings["ConnectionStrings:insightsdb"] = database;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = await ServiceHost.StartAsync(infrastructure, "insights", InsightsApp.Build, now ?? Now, broker, clock, settings, maximumPoolSize);

        return new InsightsHost(host);
    }

    public Task PublishAsync<TEvent>(TEvent integrationEvent)
        where TEvent : class, IIntegrationEvent => Host.PublishAsync(integrationEvent);

    public Task<long> CountAsync(string sql) => Host.CountAsync(sql);

    /// <summary>Waits until the query counts <paramref name="expected"/>, i.e. until the events have been heard.</summary>
    public Task<long> HeardAsync(string sql, long expected, string what) =>
        Eventually.ReturnsAsync(() => CountAsync(sql), n => n == expected, what);

    public static PublicationDetails Piece(string title = "What stops councils sharing data", string markdown = "## Findings\n\nTeams *cannot* see each other's [case data](https://example.org/data).") =>
        new() { Title = title, Summary = "Three barriers and one way through them.", Theme = "Data sharing", Markdown = markdown };

    /// <summary>A piece taken through review to published, as staff would.</summary>
    public async Task<Publication> PublishedAsync(string title = "What stops councils sharing data")
    {
        var draft = await Publications.DraftPublicationAsync(new DraftPublicationRequest { Details = Piece(title) }, Staff);
        await Publications.SubmitPublicationForReviewAsync(new SubmitPublicationForReviewRequest { PublicationId = draft.PublicationId }, Staff);
        return await Publications.PublishPublicationAsync(new PublishPublicationRequest { PublicationId = draft.PublicationId }, Staff);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
