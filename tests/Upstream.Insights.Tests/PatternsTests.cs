using Upstream.Insights.Domain;

namespace Upstream.Insights.Tests;

/// <summary>How a view is assembled from the counts the database keeps (the counting itself is tested against PostgreSQL).</summary>
public sealed class PatternsTests
{
    private static readonly DateTimeOffset At = new(2030, 11, 5, 10, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<Evidence>> NothingRecent = new Dictionary<string, IReadOnlyList<Evidence>>();

    [Fact]
    public void Keys_rank_by_their_findings_then_alphabetically_and_months_run_in_order()
    {
        FacetCount[] counts =
        [
            new(FacetCount.Theme, "Workforce", 1, 0, 0),
            new(FacetCount.Theme, "Data sharing", 0, 3, 1),
            new(FacetCount.Theme, "Leadership", 0, 0, 1),
            new(FacetCount.Month, "2030-11", 1, 0, 0),
            new(FacetCount.Month, "2030-09", 0, 5, 0),
        ];

        var patterns = Patterns.Of(counts, [], NothingRecent);

        Assert.Equal(["Data sharing", "Leadership", "Workforce"], patterns.ByTheme.Select(c => c.Key));
        Assert.Equal(["2030-09", "2030-11"], patterns.ByMonth.Select(c => c.Key));
        Assert.Empty(patterns.ByRegion);
    }

    [Fact]
    public void The_operating_model_view_lists_every_dimension_even_where_nothing_was_found()
    {
        var finding = Evidence.Finding(Guid.NewGuid(), "MAN", "North West", ["urban"], "discovery", "enabler", "Early help", "purpose", "Leaders talk prevention", "We say it every week.", At);

        var view = Patterns.Of([new(FacetCount.Dimension, "purpose", 0, 0, 1)], [], new Dictionary<string, IReadOnlyList<Evidence>> { ["purpose"] = [finding] }).OperatingModel;

        Assert.Equal(NewOperatingModels.Dimensions, view.Select(d => d.Dimension));
        Assert.Equal(("We say it every week.", 1), (Assert.Single(view[0].Findings).Quote, view[0].Counts.Enablers));
        Assert.All(view.Skip(1), d => Assert.Equal((0, 0, 0, 0), (d.Findings.Count, d.Counts.Drivers, d.Counts.Barriers, d.Counts.Enablers)));
    }

    [Fact]
    public void At_most_ten_barriers_are_listed_most_councils_first()
    {
        var barriers = Enumerable.Range(1, 12).Select(i => new FrequentBarrier("Early help", $"Barrier {i:00}", i % 4)).ToList();

        var listed = Patterns.Of([], barriers, NothingRecent).FrequentBarriers;

        Assert.Equal(["Barrier 03", "Barrier 07", "Barrier 11", "Barrier 02", "Barrier 06", "Barrier 10", "Barrier 01", "Barrier 05", "Barrier 09", "Barrier 04"], listed.Select(b => b.Text));
    }
}
