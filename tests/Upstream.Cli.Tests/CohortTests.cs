using System.Text.Json;
using System.Text.RegularExpressions;
using Upstream.Applications.Registry;
using Upstream.Applications.V1;
using Upstream.Domain.Registry;

namespace Upstream.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class CohortTests(CliSystem system)
{
    private const string Quotas = "quotas:\n  regions:\n    - region: London\n      minimum: 1\n      maximum: 2\n  characters:\n    - character: AREA_CHARACTER_COASTAL\n      minimum: 1";

    [Fact]
    public async Task Propose_shows_the_region_and_character_counts_against_the_quotas_and_why_each_application_is_in_or_out()
    {
        var callId = await Calls.PublishedAsync(system.Applications, cohortSize: 2, quotas: Quotas);
        var registry = LocalAuthorityRegistry.Shipped;
        var eligible = registry.All.Where(a => LeadEligibility.Check(registry, a.Code, new DateOnly(2030, 7, 15)).IsAllowed).OrderBy(a => a.Code).ToList();
        var london = eligible.First(a => a.Region == "London");
        var londonToo = eligible.Where(a => a.Region == "London").Skip(1).First(); // outscored: London's count is of the chosen, not the applicants
        var others = eligible.Where(a => a.Region != "London").DistinctBy(a => a.Region).Take(3).ToList();
        var file = await Calls.FileAsync([Calls.Row(london.Code), Calls.Row(others[0].Code, characters: "coastal"), Calls.Row(others[1].Code, characters: "rural"), Calls.Row(others[2].Code), Calls.Row(londonToo.Code)]);
        Assert.Equal(0, (await Cli.RunAsync(system.Applications, "applications", "import", file, "--call", callId)).ExitCode);
        system.Applications.Clock.Now = CliSystem.AfterClosing;

        // Reviewed so the quotas, not the scores, decide: London and the coastal council are outscored by the others.
        var staff = system.Applications.As("staff-1", "staff");
        var applications = (await system.Applications.Client<ApplicationService.ApplicationServiceClient>().ListApplicationsAsync(new ListApplicationsRequest { CallId = callId }, staff)).Applications;
        var scores = new Dictionary<string, int> { [london.Code] = 3, [others[0].Code] = 2, [others[1].Code] = 5, [others[2].Code] = 4, [londonToo.Code] = 1 };
        foreach (var application in applications)
        {
            var review = new ScoreApplicationRequest { ApplicationId = application.Id };
            review.Scores.Add("upstream", scores[application.LeadCouncilCode]);
            await system.Applications.Client<ReviewService.ReviewServiceClient>().ScoreApplicationAsync(review, staff);
        }

        var result = await Cli.RunAsync(system.Applications, "cohort", "propose", callId);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(result.Out.Contains("2 of 2 chosen", StringComparison.Ordinal), result.Out);
        Assert.Matches(@"│ London\s+│ 1\s+│ 1\s+│ 2\s+│", result.Out);
        Assert.Matches(@"│ coastal\s+│ 1\s+│ 1\s+│\s+│", result.Out);
        Assert.Matches(@"│ rural\s+│ 0\s+│ 0\s+│\s+│", result.Out);
        Assert.Matches($@"│ {Regex.Escape(others[0].Region!)}\s+│ 1\s+│", result.Out);
        foreach (var council in new[] { london, londonToo, others[0], others[1], others[2] })
        {
            Assert.Contains(council.OfficialName, result.Out, StringComparison.Ordinal);
        }

        // Each application's explanation, as the service gives it, and the same counts for scripts.
        var json = JsonDocument.Parse((await Cli.RunAsync(system.Applications, "cohort", "propose", callId, "--output", "json")).Out).RootElement;
        var explanations = json.GetProperty("proposal").GetProperty("explanations").EnumerateArray().Select(e => e.GetProperty("text").GetString()).ToList();
        Assert.Equal(5, explanations.Count);
        Assert.All(explanations, text => Assert.Contains(text!, result.Out, StringComparison.Ordinal));
        Assert.Contains(json.GetProperty("regions").EnumerateArray(), r => r.GetProperty("region").GetString() == "London" && r.GetProperty("chosen").GetInt32() == 1);

        var confirmed = await Cli.RunAsync(system.Applications, "cohort", "confirm", callId);
        Assert.True(confirmed.ExitCode == 0, confirmed.Error);
        Assert.Contains("Cohort confirmed: 2 selected, 3 declined.", confirmed.Out, StringComparison.Ordinal);
    }
}
