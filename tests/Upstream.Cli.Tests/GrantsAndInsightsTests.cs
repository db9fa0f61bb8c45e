using System.Text.Json;
using Upstream.Testing.Grants;

namespace Upstream.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class GrantsAndInsightsTests(CliSystem system)
{
    [Fact]
    public async Task An_award_shows_in_the_funds_committed_money_and_in_360Giving_files_valid_against_the_official_schema()
    {
        var grants = system.Grants;
        await grants.JoinAsync(("MAN", "Manchester City Council", "E08000003"));
        var fund = await grants.OpenFundAsync(totalPence: 10_000_000, name: "Upstream experimentation fund 2026");
        var request = await grants.UnderAssessmentAsync(fund, "MAN", 1_500_000);

        var award = await Cli.RunAsync(grants.Host, "grants", "award", request.RequestId, "--reason", "Strong design.", "--report-due", "2026-11-30", "--condition", "Share the templates.");
        var shown = await Cli.RunAsync(grants.Host, "grants", "fund", fund.FundId);
        var folder = Path.Combine(Cli.Elsewhere, $"open-data-{Guid.NewGuid():N}");
        var export = await Cli.RunAsync(grants.Host, "grants", "export-360giving", folder, "--fund", fund.FundId);

        Assert.True(award.ExitCode == 0, award.Error);
        Assert.Contains("awarded to MAN: £15,000.00", award.Out, StringComparison.Ordinal);
        Assert.Contains("total £100,000.00, committed £15,000.00 (paid £0.00), remaining £85,000.00", shown.Out, StringComparison.Ordinal);
        Assert.Contains("committed", shown.Out.Split('\n').Last(l => l.Trim().Length > 0), StringComparison.Ordinal); // the bar's legend
        Assert.True(export.ExitCode == 0, export.Error);
        var json = await File.ReadAllTextAsync(Path.Combine(folder, $"{fund.FundId}.json"));
        var results = OpenDataSchema.Evaluate(json);
        Assert.True(results.IsValid, OpenDataSchema.Describe(results));
        Assert.Equal(1, JsonDocument.Parse(json).RootElement.GetProperty("grants").GetArrayLength());
        Assert.StartsWith("Identifier,", await File.ReadAllTextAsync(Path.Combine(folder, $"{fund.FundId}.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_shows_a_piece_published_while_it_runs_and_ends_cleanly_on_ctrl_c()
    {
        var insights = system.Insights.Host;
        var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var watch = Cli.RunAsync(["insights", "watch", "--insights", insights.GrpcAddress.ToString(), "--token", insights.Token("staff-1", "staff")], output, cancellationToken: stop.Token);
        await Eventually.ReturnsAsync(() => Task.FromResult(Snapshot(output)), o => o.Contains("Watching publications", StringComparison.Ordinal), "the watch to start");
        await Task.Delay(500); // the stream is open once the service has answered its headers

        var piece = Path.Combine(Cli.Elsewhere, $"piece-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(piece, "# What stops councils sharing data\n\nTeams *cannot* see each other's case data.\n");
        var published = await Cli.RunAsync(insights, "insights", "publish", piece, "--summary", "Three barriers.", "--theme", "Data sharing");

        Assert.True(published.ExitCode == 0, published.Error);
        await Eventually.ReturnsAsync(() => Task.FromResult(Snapshot(output)), o => o.Contains("published", StringComparison.Ordinal) && o.Contains("What stops councils sharing data", StringComparison.Ordinal), "the watch to show the piece");
        await stop.CancelAsync();
        var result = await watch;
        Assert.Equal(0, result.ExitCode);
    }

    private static string Snapshot(StringWriter output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
