using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Upstream.Contracts.Network;
using Upstream.Insights.Data;
using Upstream.Insights.V1;
using Upstream.Messaging;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Integration.Tests.Insights;

/// <summary>The patterns come from counts kept as findings arrive: what a view shows, narrowed every way, and findings stored before the counts existed.</summary>
public sealed class PatternCountTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly DateTimeOffset At = InsightsHost.Now;

    [Fact]
    public async Task Findings_stored_before_the_counts_existed_are_counted_and_new_ones_add_to_them()
    {
        var database = await infrastructure.Shared.CreateDatabaseAsync("insights-before-counts");
        await using (var source = NpgsqlDataSource.Create(database))
        {
            var before = Migration.FromAssemblies([typeof(InsightsDb).Assembly, typeof(MessagingModel).Assembly]).Where(m => m.Version < 7 || m.Version >= 9000).ToList();
            await new SchemaMigrator(source, before, NullLogger<SchemaMigrator>.Instance).MigrateAsync();

            // As the consumer stored them; 23:30 UTC on 30 June is July in London.
            await StoreAsync(source, "MAN", "North West", "barrier", "Short-term   funding", new DateTimeOffset(2030, 6, 30, 23, 30, 0, TimeSpan.Zero));
            await StoreAsync(source, "MAN", "North West", "barrier", "short-term funding", At.AddDays(-3));
            await StoreAsync(source, "MAN", "North West", "barrier", "No shared budget", At.AddDays(-3));
            await StoreAsync(source, "BRI", "South West", "barrier", "No shared budget", At.AddDays(-2));
            await StoreAsync(source, "ADU", "South East", "barrier", "no shared BUDGET", At.AddDays(-1));
            await StoreAsync(source, "ADU", "South East", "enabler", "A shared data officer", At.AddDays(-1));
            await using var award = source.CreateCommand("""
                INSERT INTO evidence (id, source, source_id, council_codes, region, area_characters, theme, phase, kind, dimension, text, quote, person_id, attended, amount_pence, occurred_at)
                VALUES (gen_random_uuid(), 'GrantAward', gen_random_uuid(), '["MAN"]', 'North West', '[]', 'Early help', 'discovery', '', '', 'Text nudges', NULL, NULL, false, 1500000, now())
                """);
            await award.ExecuteNonQueryAsync();
        }

        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared, database: database);
        var patterns = await insights.Patterns.GetInsightPatternsAsync(new GetInsightPatternsRequest(), insights.Partner);

        Assert.Equal([("Early help", 0, 5, 1)], patterns.ByTheme.Select(Counts));
        Assert.Equal([("North West", 0, 3, 0), ("South East", 0, 1, 1), ("South West", 0, 1, 0)], patterns.ByRegion.Select(Counts));
        Assert.Equal([("2030-07", 0, 1, 0), ("2030-11", 0, 4, 1)], patterns.ByMonth.Select(Counts));
        Assert.Equal([("No shared budget", 3), ("Short-term   funding", 1)], patterns.FrequentBarriers.Select(b => (b.Text, b.Councils)));
        Assert.Equal(6, patterns.OperatingModel.Single(d => d.Dimension == "mindset").Findings.Count);

        await insights.PublishAsync(Finding("CON", "South West", ["rural"], "barrier", "No  shared budget", At));
        await insights.PublishAsync(Finding("ADU", "South East", ["rural"], "barrier", "No shared budget", At));
        await insights.HeardAsync("SELECT count(*) FROM evidence WHERE source = 'Finding'", 8, "the two new findings");

        var after = await insights.Patterns.GetInsightPatternsAsync(new GetInsightPatternsRequest(), insights.Partner);
        Assert.Equal([("No shared budget", 4), ("Short-term   funding", 1)], after.FrequentBarriers.Select(b => (b.Text, b.Councils)));
        Assert.Equal([("Early help", 0, 7, 1)], after.ByTheme.Select(Counts));
    }

    [Fact]
    public async Task Every_count_barrier_and_listed_finding_is_narrowed_by_the_filters_combined_and_without_case()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);
        await insights.PublishAsync(new PhaseStarted(Guid.NewGuid(), At.AddDays(-60), "discovery", new DateOnly(2030, 9, 6), null));
        await insights.HeardAsync("SELECT count(*) FROM programme_phase WHERE phase = 'discovery'", 1, "the discovery phase");
        await insights.PublishAsync(Finding("MAN", "North West", ["urban"], "barrier", "No shared budget", At.AddDays(-3)));
        await insights.PublishAsync(Finding("BRI", "South West", ["Urban", "coastal"], "barrier", "No shared budget", At.AddDays(-2)));
        await insights.PublishAsync(Finding("ADU", "South East", ["rural"], "barrier", "No shared budget", At.AddDays(-1)));
        await insights.PublishAsync(Finding("BRI", "South West", ["Urban", "coastal"], "enabler", "A shared data officer", At.AddDays(-1), theme: "Data sharing"));
        await insights.HeardAsync("SELECT count(*) FROM evidence", 4, "the discovery findings");
        await insights.PublishAsync(new PhaseStarted(Guid.NewGuid(), At.AddDays(-1), "pilot", new DateOnly(2030, 11, 4), null));
        await insights.HeardAsync("SELECT count(*) FROM programme_phase WHERE phase = 'pilot'", 1, "the pilot phase");
        await insights.PublishAsync(Finding("ADU", "South East", ["rural"], "barrier", "No shared budget", At));
        await insights.PublishAsync(Finding("CON", "South East", ["urban"], "barrier", "No shared budget", At));
        await insights.HeardAsync("SELECT count(*) FROM evidence", 6, "the pilot findings");

        async Task<InsightPatterns> ViewAsync(GetInsightPatternsRequest request) => await insights.Patterns.GetInsightPatternsAsync(request, insights.Staff);

        var all = await ViewAsync(new GetInsightPatternsRequest());
        // "urban" and "Urban" are one key, shown as its first spelling in ordinal order.
        Assert.Equal([("Urban", 0, 3, 1), ("coastal", 0, 1, 1), ("rural", 0, 2, 0)], all.ByAreaCharacter.Select(Counts));
        Assert.Equal([("discovery", 0, 3, 1), ("pilot", 0, 2, 0)], all.ByPhase.Select(Counts));
        Assert.Equal(("No shared budget", 4), (all.FrequentBarriers.Single().Text, all.FrequentBarriers.Single().Councils));

        var urbanDiscovery = await ViewAsync(new GetInsightPatternsRequest { AreaCharacter = "URBAN", Phase = "Discovery" });
        Assert.Equal([("Early help", 0, 2, 0), ("Data sharing", 0, 0, 1)], urbanDiscovery.ByTheme.Select(Counts));
        Assert.Equal(2, urbanDiscovery.FrequentBarriers.Single().Councils);
        Assert.Equal(["BRI", "BRI", "MAN"], urbanDiscovery.OperatingModel.Single(d => d.Dimension == "mindset").Findings.Select(f => f.CouncilCode));

        var southEastPilot = await ViewAsync(new GetInsightPatternsRequest { Region = "south east", Phase = "pilot", Theme = "EARLY HELP" });
        Assert.Equal([("South East", 0, 2, 0)], southEastPilot.ByRegion.Select(Counts));
        Assert.Equal(2, southEastPilot.FrequentBarriers.Single().Councils);

        var southEast = await ViewAsync(new GetInsightPatternsRequest { Region = "South East" });
        Assert.Equal(2, southEast.FrequentBarriers.Single().Councils); // ADU twice is one council

        var nothing = await ViewAsync(new GetInsightPatternsRequest { Region = "South West", AreaCharacter = "rural" });
        Assert.Empty(nothing.ByTheme);
        Assert.Empty(nothing.FrequentBarriers);
        Assert.All(nothing.OperatingModel, d => Assert.Equal((0, 0), (d.Findings.Count, d.Barriers)));
    }

    [Fact]
    public async Task A_dimension_lists_its_25_most_recent_findings_and_counts_them_all()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);
        for (var i = 1; i <= 40; i++)
        {
            await insights.PublishAsync(Finding("MAN", "North West", ["urban"], i % 2 == 0 ? "barrier" : "enabler", $"Finding {i}", At.AddDays(-40 + i), dimension: "purpose"));
        }

        await insights.HeardAsync("SELECT count(*) FROM evidence", 40, "the forty findings");

        var purpose = (await insights.Patterns.GetInsightPatternsAsync(new GetInsightPatternsRequest(), insights.Partner)).OperatingModel[0];

        Assert.Equal(("purpose", 0, 20, 20), (purpose.Dimension, purpose.Drivers, purpose.Barriers, purpose.Enablers));
        Assert.Equal(Enumerable.Range(16, 25).Reverse().Select(i => $"Finding {i}"), purpose.Findings.Select(f => f.Text));
    }

    private static FindingRecorded Finding(string council, string region, string[] areas, string kind, string text, DateTimeOffset at, string theme = "Early help", string dimension = "mindset") =>
        new(Guid.NewGuid(), at, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), council, region, areas, DateOnly.FromDateTime(at.UtcDateTime), kind, theme, dimension, text, null);

    private static async Task StoreAsync(NpgsqlDataSource source, string council, string region, string kind, string text, DateTimeOffset at)
    {
        await using var insert = source.CreateCommand("""
            INSERT INTO evidence (id, source, source_id, council_codes, region, area_characters, theme, phase, kind, dimension, text, quote, person_id, attended, amount_pence, occurred_at)
            VALUES (gen_random_uuid(), 'Finding', gen_random_uuid(), jsonb_build_array($1), $2, '["urban"]', 'Early help', 'discovery', $3, 'mindset', $4, NULL, NULL, false, 0, $5)
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = council });
        insert.Parameters.Add(new NpgsqlParameter { Value = region });
        insert.Parameters.Add(new NpgsqlParameter { Value = kind });
        insert.Parameters.Add(new NpgsqlParameter { Value = text });
        insert.Parameters.Add(new NpgsqlParameter { Value = at });
        await insert.ExecuteNonQueryAsync();
    }

    private static (string, int, int, int) Counts(PatternCount count) => (count.Key, count.Drivers, count.Barriers, count.Enablers);
}
