using Upstream.Benchmarks.Capacity.Measuring;
using Upstream.Contracts.Network;
using Upstream.Insights.Consumers;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;
using Upstream.Insights.V1;
using Upstream.Testing.Hosting;
using Upstream.Testing.Insights;

namespace Upstream.Benchmarks.Capacity.Paths;

/// <summary>
/// Pattern views over findings: 5,000 findings from 50 councils (50,000 from 500, 500,000 from 5,000 at 10x and
/// 100x), recorded as Network records them (FindingRecorded on the broker, into Insights' evidence store through its
/// inbox), then staff and partners' views: the whole picture and filtered by region, theme, area character and phase.
/// At 10x and 100x the findings are stored directly (<see cref="StoredDirectly"/>) as the consumer stores them.
/// </summary>
public static class PatternViews
{
    public const string Name = "insights-patterns";
    private const int FindingsPerCouncil = 100;
    private const int CouncilsAt1x = 50;
    private const int CallsPerView = 60;

    private static readonly string[] Regions = ["North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands", "East of England", "London", "South East", "South West"];
    private static readonly string[] Characters = ["urban", "rural", "coastal"];
    private static readonly string[] Kinds = ["driver", "barrier", "enabler"];
    private static readonly string[] Themes = ["Data sharing", "Leadership", "Workforce", "Commissioning", "Prevention", "Community", "Finance", "Digital"];
    private static readonly string[] Dimensions = ["purpose", "mindset", "values-and-principles", "infrastructure-and-capabilities", "outcomes"];

    public static async Task<Outcome> RunAsync(SharedInfrastructure servers, int scale)
    {
        await using var insights = await InsightsHost.StartAsync(servers, overrides: Production.Settings, maximumPoolSize: Production.PoolSize);
        var councils = CouncilsAt1x * scale;
        var total = councils * FindingsPerCouncil;
        var seeded = System.Diagnostics.Stopwatch.StartNew();
        await insights.PublishAsync(new PhaseStarted(Guid.NewGuid(), InsightsHost.Now.AddDays(-200), "discovery", new DateOnly(2030, 4, 1), null));
        await insights.HeardAsync("SELECT count(*) FROM programme_phase WHERE phase = 'discovery'", 1, "the phase");
        var throughBroker = scale == 1;
        if (throughBroker)
        {
            await Burst.ParallelAsync(Enumerable.Range(0, total), 16, n => insights.PublishAsync(Finding(n, councils)));
        }
        else
        {
            await StoredDirectly.SaveAsync<InsightsDb>(insights.Host.Services, Enumerable.Range(0, total).Select(n => Stored(Finding(n, councils))));
        }

        await Eventually.ReturnsAsync(() => insights.CountAsync("SELECT count(*) FROM evidence"), c => c == total, $"{total} findings stored", TimeSpan.FromHours(1));
        var seedSeconds = seeded.Elapsed.TotalSeconds;

        (string View, GetInsightPatternsRequest Request)[] views =
        [
            ("all", new GetInsightPatternsRequest()),
            ("region", new GetInsightPatternsRequest { Region = "London" }),
            ("theme", new GetInsightPatternsRequest { Theme = "Data sharing" }),
            ("area character", new GetInsightPatternsRequest { AreaCharacter = "coastal" }),
            ("phase", new GetInsightPatternsRequest { Phase = "discovery" }),
        ];
        var partner = insights.Partner;
        foreach (var (_, request) in views)
        {
            await insights.Patterns.GetInsightPatternsAsync(request, partner); // warm-up: the first call compiles the queries
        }

        var all = new Latencies();
        var figures = new List<Figure>();
        var bytes = 0;
        var counted = 0;
        foreach (var (view, request) in views)
        {
            var one = new Latencies();
            for (var i = 0; i < CallsPerView; i++)
            {
                var reply = await all.TimeAsync(() => one.TimeAsync(async () => await insights.Patterns.GetInsightPatternsAsync(request, partner)));
                if (view == "all" && i == 0)
                {
                    bytes = Google.Protobuf.MessageExtensions.ToByteArray(reply).Length;
                    counted = reply.ByTheme.Sum(t => t.Drivers + t.Barriers + t.Enablers);
                }
            }

            figures.Add(new Figure($"view '{view}' p95", one.Percentile(95), "ms", "< 100 ms", one.Percentile(95) < 100));
        }

        figures.InsertRange(0, all.Figures("GetInsightPatterns, every view", p95Target: 100));
        figures.Add(new Figure(throughBroker ? "seeding through the broker" : "seeding stored directly", total / seedSeconds, "findings/s"));
        figures.Add(new Figure("reply size, whole picture", bytes / 1024.0, "KiB"));
        return new Outcome(
            $"{total:N0} findings from {councils:N0} councils",
            figures,
            [new Check("the whole picture counts every finding", counted == total, $"{counted:N0} of {total:N0}")],
            throughBroker
                ? $"Seeded in {seedSeconds:0} s through the broker (FindingRecorded, consumed into the evidence store); {CallsPerView} calls per view, one at a time."
                : $"Seeded in {seedSeconds:0} s stored directly: each finding made by the consumer's own factory and saved through Insights' DbContext (its counts kept by the same trigger), without the broker; {CallsPerView} calls per view, one at a time.");
    }

    // As FindingRecordedConsumer stores it, in the phase announced above.
    private static Evidence Stored(FindingRecorded f) =>
        Evidence.Finding(f.FindingId, EvidenceStore.Code(f.CouncilCode), f.Region, f.AreaCharacters, "discovery", f.Kind, f.Theme, f.Dimension, f.Text, f.Quote, f.OccurredAt);

    private static FindingRecorded Finding(int n, int councils)
    {
        var council = n % councils;
        var kind = Kinds[n % Kinds.Length];
        var theme = Themes[(n / 3) % Themes.Length];
        return new FindingRecorded(
            Guid.NewGuid(), InsightsHost.Now.AddDays(-(n % 180)), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            $"F{council:00000}", Regions[council % Regions.Length], [Characters[council % Characters.Length]], DateOnly.FromDateTime(InsightsHost.Now.AddDays(-(n % 180)).UtcDateTime),
            kind, theme, Dimensions[n % Dimensions.Length], $"{theme}: {kind} number {n % 40}.", n % 4 == 0 ? "In their own words." : null);
    }
}
