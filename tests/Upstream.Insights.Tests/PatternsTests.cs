using Upstream.Insights.Domain;

namespace Upstream.Insights.Tests;

public sealed class PatternsTests
{
    private static readonly DateTimeOffset At = new(2030, 11, 5, 10, 0, 0, TimeSpan.Zero);

    private static Evidence Finding(string council, string kind, string text, string region = "North West", string dimension = "mindset", string? quote = null) =>
        Evidence.Finding(Guid.NewGuid(), council, region, ["urban"], "discovery", kind, "Early help", dimension, text, quote, At);

    [Fact]
    public void A_barrier_many_councils_share_ranks_above_one_council_repeating_itself()
    {
        var evidence = new[]
        {
            Finding("MAN", "barrier", "No shared budget"),
            Finding("MAN", "barrier", "Short-term   funding"),
            Finding("MAN", "barrier", "short-term funding"),
            Finding("BRI", "barrier", "No shared budget"),
            Finding("ADU", "barrier", "no shared BUDGET"),
        };

        var barriers = Patterns.Of(evidence, new PatternFilter("", "", "", "")).FrequentBarriers;

        Assert.Equal([("No shared budget", 3), ("Short-term   funding", 1)], barriers.Select(b => (b.Text, b.Councils)));
    }

    [Fact]
    public void The_operating_model_view_lists_every_dimension_even_where_nothing_was_found()
    {
        var evidence = new[] { Finding("MAN", "enabler", "Leaders talk prevention", dimension: "purpose", quote: "We say it every week.") };

        var view = Patterns.Of(evidence, new PatternFilter("", "", "", "")).OperatingModel;

        Assert.Equal(NewOperatingModels.Dimensions, view.Select(d => d.Dimension));
        Assert.Equal("We say it every week.", Assert.Single(view[0].Findings).Quote);
        Assert.All(view.Skip(1), d => Assert.Empty(d.Findings));
    }

    [Fact]
    public void A_dimension_lists_its_25_most_recent_findings_and_counts_them_all()
    {
        var evidence = Enumerable.Range(1, 40).Select(i => Evidence.Finding(
            Guid.NewGuid(), "MAN", "North West", ["urban"], "discovery", i % 2 == 0 ? "barrier" : "enabler", "Early help", "purpose", $"Finding {i}", null, At.AddDays(i))).ToList();

        var purpose = Patterns.Of(evidence, new PatternFilter("", "", "", "")).OperatingModel[0];

        Assert.Equal((0, 20, 20), (purpose.Counts.Drivers, purpose.Counts.Barriers, purpose.Counts.Enablers));
        Assert.Equal(Enumerable.Range(16, 25).Reverse().Select(i => $"Finding {i}"), purpose.Findings.Select(f => f.Text));
    }

    [Fact]
    public void Filters_narrow_every_count_and_evidence_other_than_findings_is_not_a_pattern()
    {
        var member = Evidence.Of(EvidenceSource.GrantAward, Guid.NewGuid(), ["MAN"], null, "discovery", "", "Grant", At);
        var evidence = new[] { Finding("MAN", "driver", "A", region: "North West"), Finding("BRI", "driver", "B", region: "South West"), member };

        var patterns = Patterns.Of(evidence, new PatternFilter("", "south west", "", ""));

        Assert.Equal([new PatternCount("Early help", 1, 0, 0)], patterns.ByTheme);
        Assert.Equal([new PatternCount("South West", 1, 0, 0)], patterns.ByRegion);
    }
}
