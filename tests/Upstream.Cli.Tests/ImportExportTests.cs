using System.Text.Json;
using Upstream.Applications.Registry;
using Upstream.Applications.V1;
using Upstream.Domain.Registry;

namespace Upstream.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class ImportExportTests(CliSystem system)
{
    private static readonly DateOnly CallCloses = new(2030, 7, 15);

    [Fact]
    public async Task Importing_2000_rows_takes_every_good_row_together_and_names_each_refused_row_with_its_reasons()
    {
        var callId = await Calls.PublishedAsync(system.Applications);
        var registry = LocalAuthorityRegistry.Shipped;
        var eligible = registry.All.Where(a => LeadEligibility.Check(registry, a.Code, CallCloses).IsAllowed).Select(a => a.Code).Order().ToList();
        var duplicates = eligible.Take(100).ToList(); // each council once more: the second is refused
        var badStages = Enumerable.Range(1, 50).Select(i => Calls.Row($"ZQ{i:D3}", stage: "someday", budget: "-5")).ToList();
        var unknown = Enumerable.Range(1, 2000 - eligible.Count - duplicates.Count - badStages.Count).Select(i => Calls.Row($"ZZ{i:D4}")).ToList();
        var rows = eligible.Select(c => Calls.Row(c)).Concat(duplicates.Select(c => Calls.Row(c))).Concat(badStages).Concat(unknown).ToList();
        Assert.Equal(2000, rows.Count);
        var file = await Calls.FileAsync(rows);

        var result = await Cli.RunAsync(system.Applications, "applications", "import", file, "--call", callId);

        Assert.Equal(2, result.ExitCode); // some rows refused
        Assert.Contains($"2000 rows: {eligible.Count} taken, {2000 - eligible.Count} refused.", result.Out, StringComparison.Ordinal);
        Assert.Contains("already has an application to this call.", result.Out, StringComparison.Ordinal);
        Assert.Contains("'ZZ0001' is not a UK local authority in the registry", result.Out, StringComparison.Ordinal);
        Assert.Contains("Stage is idea, early or active.", result.Out, StringComparison.Ordinal);
        Assert.Contains("Budget is a whole number of pence.", result.Out, StringComparison.Ordinal);

        // The good rows are really stored, each once: listed back through gRPC.
        var stored = (await system.Applications.Client<ApplicationService.ApplicationServiceClient>().ListApplicationsAsync(
            new ListApplicationsRequest { CallId = callId }, system.Applications.As("staff-1", "staff"))).Applications;
        Assert.Equal(eligible, stored.Select(a => a.LeadCouncilCode).Order());
        Assert.All(stored, a => Assert.Equal(ApplicationState.Eligible, a.State));
    }

    [Fact]
    public async Task The_json_summary_counts_rows_and_lists_every_problem()
    {
        var callId = await Calls.PublishedAsync(system.Applications);
        var file = await Calls.FileAsync([Calls.Row("ADU"), Calls.Row("BIR"), Calls.Row("ZZZ")]);

        var result = await Cli.RunAsync(system.Applications, "applications", "import", file, "--call", callId, "--output", "json");

        var summary = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal((3, 2, 1), (summary.GetProperty("rows").GetInt32(), summary.GetProperty("taken").GetInt32(), summary.GetProperty("refused").GetInt32()));
        var problem = Assert.Single(summary.GetProperty("problems").EnumerateArray());
        Assert.Equal((4, "ZZZ", "lead_council_code"), (problem.GetProperty("line").GetInt32(), problem.GetProperty("councilCode").GetString(), problem.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task All_or_nothing_imports_nothing_when_a_row_is_refused()
    {
        var callId = await Calls.PublishedAsync(system.Applications);
        var file = await Calls.FileAsync([Calls.Row("ADU"), Calls.Row("ZZZ")]);

        var result = await Cli.RunAsync(system.Applications, "applications", "import", file, "--call", callId, "--all-or-nothing");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("2 rows: 0 taken, 2 refused.", result.Out, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported.", result.Out, StringComparison.Ordinal);
        Assert.Empty((await system.Applications.Client<ApplicationService.ApplicationServiceClient>().ListApplicationsAsync(
            new ListApplicationsRequest { CallId = callId }, system.Applications.As("staff-1", "staff"))).Applications);
    }

    [Fact]
    public async Task An_exported_call_imports_into_another_call_unchanged()
    {
        var first = await Calls.PublishedAsync(system.Applications);
        var imported = await Cli.RunAsync(system.Applications, "applications", "import", await Calls.FileAsync([Calls.Row("ADU", characters: "urban;coastal"), Calls.Row("ABE"), Calls.Row("BIR", stage: "idea")]), "--call", first);
        Assert.True(imported.ExitCode == 0, imported.Out + imported.Error);
        var exported = Path.Combine(Cli.Elsewhere, $"export-{Guid.NewGuid():N}.csv");

        var export = await Cli.RunAsync(system.Applications, "applications", "export", "--call", first, "--file", exported);
        var second = await Calls.PublishedAsync(system.Applications);
        var again = await Cli.RunAsync(system.Applications, "applications", "import", exported, "--call", second);

        Assert.Equal((0, 0), (export.ExitCode, again.ExitCode));
        Assert.StartsWith("id,state,lead_council_name,region,submitted_at", await File.ReadAllTextAsync(exported), StringComparison.Ordinal);
        Assert.Contains("3 rows: 3 taken, 0 refused.", again.Out, StringComparison.Ordinal);
        Assert.Equal(await StoredAsync(first), await StoredAsync(second));

        // And to standard output, for a pipe.
        var piped = await Cli.RunAsync(system.Applications, "applications", "export", "--call", second);
        Assert.Equal(4, piped.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private async Task<string> StoredAsync(string callId)
    {
        var applications = (await system.Applications.Client<ApplicationService.ApplicationServiceClient>().ListApplicationsAsync(
            new ListApplicationsRequest { CallId = callId }, system.Applications.As("staff-1", "staff"))).Applications;
        return string.Join("\n", applications.OrderBy(a => a.LeadCouncilCode).Select(a => $"{a.LeadCouncilCode} {a.Initiative} {string.Join("|", a.Contacts)} {string.Join("|", a.Partners)}"));
    }
}
