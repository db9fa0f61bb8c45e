using System.Net;
using System.Net.Http.Headers;
using Upstream.Benchmarks.Capacity.Measuring;
using Upstream.Insights.Data;
using Publication = Upstream.Insights.Domain.Publication;
using PublicationDraft = Upstream.Insights.Domain.PublicationDraft;
using PublicationText = Upstream.Insights.Domain.PublicationText;
using Upstream.Insights.V1;
using Upstream.Testing.Hosting;
using Upstream.Testing.Insights;

namespace Upstream.Benchmarks.Capacity.Paths;

/// <summary>
/// The public feeds on Insights' http endpoint with 500 publications (5,000 and 50,000 at 10x and 100x), published
/// through the gRPC API as staff do: the first and the last page of the JSON and Atom feeds, and a reader who already
/// has the first page asking again with its ETag (answered 304). At 10x and 100x the publications are stored directly
/// (<see cref="StoredDirectly"/>), made by the desk's own domain steps (draft, review, publish).
/// </summary>
public static class Feeds
{
    public const string Name = "insights-feeds";
    private const int PublicationsAt1x = 500;
    private const int Requests = 200;

    public static async Task<Outcome> RunAsync(SharedInfrastructure servers, int scale)
    {
        await using var insights = await InsightsHost.StartAsync(servers, overrides: Production.Settings, maximumPoolSize: Production.PoolSize);
        var total = PublicationsAt1x * scale;
        var staff = insights.Staff;
        var seeded = System.Diagnostics.Stopwatch.StartNew();
        var throughGrpc = scale == 1;
        if (throughGrpc)
        {
            await Burst.ParallelAsync(Enumerable.Range(1, total), 8, async n =>
            {
                var draft = await insights.Publications.DraftPublicationAsync(new DraftPublicationRequest { Details = InsightsHost.Piece($"Piece {n}") }, staff);
                await insights.Publications.SubmitPublicationForReviewAsync(new SubmitPublicationForReviewRequest { PublicationId = draft.PublicationId }, staff);
                await insights.Publications.PublishPublicationAsync(new PublishPublicationRequest { PublicationId = draft.PublicationId }, staff);
            });
        }
        else
        {
            await StoredDirectly.SaveAsync<InsightsDb>(insights.Host.Services, Enumerable.Range(1, total).Select(n => Published(n, insights.Host.Clock.GetUtcNow())));
        }

        var seedSeconds = seeded.Elapsed.TotalSeconds;

        var http = insights.Host.Http;
        var lastPage = (total + 19) / 20;
        var figures = new List<Figure>();
        var checks = new List<Check>();
        foreach (var path in new[] { "/feeds/insights.json", "/feeds/insights.atom" })
        {
            foreach (var (label, url) in new[] { ("first page", path), ("last page", $"{path}?page={lastPage}") })
            {
                var pages = await TimeAsync(http, url, null, HttpStatusCode.OK);
                figures.Add(new Figure($"{path} {label} p50", pages.Latencies.Percentile(50), "ms"));
                figures.Add(new Figure($"{path} {label} p95", pages.Latencies.Percentile(95), "ms", "< 50 ms", pages.Latencies.Percentile(95) < 50));
                checks.Add(new Check($"{path} {label}: every answer 200", pages.Wrong == 0, $"{pages.Wrong} other answers"));
            }

            using var first = await http.GetAsync(path);
            var etag = first.Headers.ETag!;
            var conditional = await TimeAsync(http, path, etag, HttpStatusCode.NotModified);
            figures.Add(new Figure($"{path} conditional GET (304) p50", conditional.Latencies.Percentile(50), "ms"));
            figures.Add(new Figure($"{path} conditional GET (304) p95", conditional.Latencies.Percentile(95), "ms", "< 5 ms", conditional.Latencies.Percentile(95) < 5));
            checks.Add(new Check($"{path} with its ETag: every answer 304", conditional.Wrong == 0, $"{conditional.Wrong} other answers"));
        }

        figures.Add(new Figure(throughGrpc ? "publishing through gRPC (draft, review, publish)" : "publishing stored directly (draft, review, publish)", total / seedSeconds, "publications/s"));
        var published = await insights.CountAsync("SELECT count(*) FROM publications WHERE state = 'published'");
        checks.Add(new Check("every publication published", published == total, $"{published:N0} of {total:N0}"));
        return new Outcome($"{total:N0} publications ({lastPage:N0} pages of 20)", figures, checks, throughGrpc
            ? $"Published in {seedSeconds:0} s through gRPC; {Requests} requests per figure, one at a time, after 20 unmeasured."
            : $"Published in {seedSeconds:0} s stored directly: each piece drafted, reviewed and published by the domain's own steps and saved through Insights' DbContext, without gRPC (and so without the InsightPublished events nobody here hears); {Requests} requests per figure, one at a time, after 20 unmeasured.");
    }

    // As PublicationDesk makes it: drafted from the same piece the gRPC seeding sends, reviewed, published.
    private static Publication Published(int n, DateTimeOffset at)
    {
        var details = InsightsHost.Piece($"Piece {n}");
        var publication = Publication.Draft(PublicationText.From(new PublicationDraft(details.Title, details.Summary, details.Theme, details.Markdown)), "staff-1", at);
        publication.SubmitForReview(at);
        publication.Publish(at);
        return publication;
    }

    private static async Task<(Latencies Latencies, int Wrong)> TimeAsync(HttpClient http, string url, EntityTagHeaderValue? etag, HttpStatusCode expected)
    {
        var latencies = new Latencies();
        var wrong = 0;
        for (var i = 0; i < Requests + 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (etag is not null)
            {
                request.Headers.IfNoneMatch.Add(etag);
            }

            var timing = i < 20 ? new Latencies() : latencies;
            var status = await timing.TimeAsync(async () =>
            {
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                return response.StatusCode;
            });
            wrong += status == expected ? 0 : 1;
        }

        return (latencies, wrong);
    }
}
