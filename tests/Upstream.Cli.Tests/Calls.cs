using System.Text.Json;
using Upstream.Applications.Bulk;

namespace Upstream.Cli.Tests;

/// <summary>Calls drafted and published through the tool itself, and CSV rows for its imports.</summary>
public static class Calls
{
    public static readonly string Header = string.Join(',', ApplicationCsv.ImportColumns);

    /// <summary>A call open 1-15 July 2030, drafted from a YAML file and published, as staff would; returns its id.</summary>
    public static async Task<string> PublishedAsync(ServiceHost applications, int cohortSize = 20, string quotas = "")
    {
        applications.Clock.Now = CliSystem.BeforeOpening;
        var file = Path.Combine(Cli.Elsewhere, $"call-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, $"""
            title: Upstream Collaborative 2030
            description: Councils working upstream of social problems.
            opens_london: "2030-07-01T09:00"
            closes_london: "2030-07-15T12:00"
            decisions_by: "2030-09-01"
            target_cohort_size: {cohortSize}
            criteria:
              - key: upstream
                title: Works upstream
                weight: 3
            {quotas}
            """);
        var drafted = await Cli.RunAsync(applications, "calls", "draft", file, "--output", "json");
        Assert.True(drafted.ExitCode == 0, drafted.Error);
        var id = JsonDocument.Parse(drafted.Out).RootElement.GetProperty("id").GetString()!;
        var published = await Cli.RunAsync(applications, "calls", "publish", id);
        Assert.True(published.ExitCode == 0, published.Error);
        return id;
    }

    public static string Row(string council, string stage = "early", string characters = "urban", string budget = "2500000") =>
        $"{council},Wealth building,Keeping wealth local,Exclusion,Economy,{stage},Chief Executive,2030-06-20,{budget},Two officers,{characters},Alex,Lead,alex@example.gov.uk,Sam,Deputy,sam@example.gov.uk,Voluntary Action";

    public static async Task<string> FileAsync(IEnumerable<string> rows)
    {
        var path = Path.Combine(Cli.Elsewhere, $"applications-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(path, [Header, .. rows]);
        return path;
    }
}
