using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Spectre.Console;
using Upstream.Applications.V1;
using Upstream.Cli.Connection;
using Upstream.Cli.Output;

namespace Upstream.Cli.Commands;

/// <summary>upstream cohort propose CALL [--pin ID] [--exclude ID] | confirm CALL [--proposal ID].</summary>
public static class CohortCommands
{
    public static Command Build(CliConsole console)
    {
        var pin = new Option<string[]>("--pin") { Description = "An application that must be in the cohort (repeatable).", AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude") { Description = "An application that must not be (repeatable).", AllowMultipleArgumentsPerToken = true };
        var proposal = new Option<string?>("--proposal") { Description = "The proposal to confirm (default: the call's latest)." };
        return new Command("cohort", "Choosing a call's cohort.").With(
            new Command("propose", "Proposes the cohort: region and urban/rural/coastal counts against the quotas, and why each application is in or out.")
                .With(CallCommands.CallId, pin, exclude)
                .Runs(console, async (parse, connection, ct) =>
                {
                    var callId = parse.GetRequiredValue(CallCommands.CallId);
                    var request = new ProposeCohortRequest { CallId = callId };
                    request.PinnedApplicationIds.AddRange(parse.GetValue(pin) ?? []);
                    request.ExcludedApplicationIds.AddRange(parse.GetValue(exclude) ?? []);
                    var proposed = await connection.Client<CohortService.CohortServiceClient>("applications").ProposeCohortAsync(request, cancellationToken: ct);
                    var call = await connection.Client<CallService.CallServiceClient>("applications").GetCallAsync(new GetCallRequest { CallId = callId }, cancellationToken: ct);
                    var applications = (await connection.Client<ApplicationService.ApplicationServiceClient>("applications")
                        .ListApplicationsAsync(new ListApplicationsRequest { CallId = callId }, cancellationToken: ct)).Applications.ToDictionary(a => a.Id);
                    Show(console, parse, call, proposed, applications);
                    return ExitCodes.Ok;
                }),
            new Command("confirm", "Confirms the call's latest proposal: the chosen applications are selected, the others declined.")
                .With(CallCommands.CallId, proposal)
                .Runs(console, async (parse, connection, ct) =>
                {
                    var callId = parse.GetRequiredValue(CallCommands.CallId);
                    var cohorts = connection.Client<CohortService.CohortServiceClient>("applications");
                    var proposalId = parse.GetValue(proposal)
                        ?? (await cohorts.GetCohortProposalAsync(new GetCohortProposalRequest { CallId = callId }, cancellationToken: ct)).Id;
                    var decision = await cohorts.ConfirmCohortAsync(new ConfirmCohortRequest { CallId = callId, ProposalId = proposalId }, cancellationToken: ct);
                    if (parse.Json())
                    {
                        console.Json(decision);
                    }
                    else
                    {
                        console.Out.WriteLine($"Cohort confirmed: {decision.Selected.Count} selected, {decision.Declined.Count} declined.");
                        console.Table(decision.Selected, ("Application", a => a.Id), ("Council", a => a.LeadCouncilName), ("Region", a => a.Region));
                    }

                    return ExitCodes.Ok;
                }));
    }

    private static void Show(CliConsole console, ParseResult parse, Call call, CohortProposal proposal, IReadOnlyDictionary<string, Application> applications)
    {
        var chosen = proposal.ChosenApplicationIds.Select(id => applications.GetValueOrDefault(id)).OfType<Application>().ToList();
        var regions = call.Quotas?.Regions.Select(q => q.Region).Concat(chosen.Select(a => a.Region)).Distinct().Order()
            .Select(region => (Region: region, Chosen: chosen.Count(a => a.Region == region), Quota: call.Quotas?.Regions.FirstOrDefault(q => q.Region == region))).ToList() ?? [];
        var characters = new[] { AreaCharacter.Urban, AreaCharacter.Rural, AreaCharacter.Coastal }
            .Select(c => (Character: c, Chosen: chosen.Count(a => a.Initiative?.AreaCharacters.Contains(c) == true), Minimum: call.Quotas?.Characters.FirstOrDefault(q => q.Character == c)?.Minimum ?? 0))
            .ToList();

        if (parse.Json())
        {
            var json = new JsonObject
            {
                ["proposal"] = JsonNode.Parse(JsonFormatter.Default.Format(proposal)),
                ["regions"] = new JsonArray([.. regions.Select(r => new JsonObject { ["region"] = r.Region, ["chosen"] = r.Chosen, ["minimum"] = r.Quota?.Minimum ?? 0, ["maximum"] = r.Quota?.Maximum ?? 0 })]),
                ["characters"] = new JsonArray([.. characters.Select(c => new JsonObject { ["character"] = Render.Words(c.Character), ["chosen"] = c.Chosen, ["minimum"] = c.Minimum })]),
            };
            console.Raw(json.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
            return;
        }

        console.Out.WriteLine($"Proposal {proposal.Id}: {proposal.ChosenApplicationIds.Count} of {call.TargetCohortSize} chosen, total score {proposal.TotalScoreMilli / 1000m:0.000}.");
        foreach (var unmet in proposal.UnmetQuotas)
        {
            console.Out.MarkupLineInterpolated($"[red]Unmet:[/] {unmet.Quota}: {unmet.Description}");
        }

        static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
        console.Table(
            regions.Select(r => (Name: r.Region, r.Chosen, Minimum: r.Quota?.Minimum, Maximum: r.Quota?.Maximum))
                .Concat(characters.Select(c => (Name: Render.Words(c.Character), c.Chosen, Minimum: (int?)c.Minimum, Maximum: (int?)null))),
            ("Region / character", r => r.Name), ("Chosen", r => Number(r.Chosen)), ("Minimum", r => r.Minimum is { } m ? Number(m) : ""), ("Maximum", r => r.Maximum is { } m && m > 0 ? Number(m) : ""));
        console.Table(
            proposal.Explanations.OrderBy(e => e.Rank == 0 ? int.MaxValue : e.Rank),
            ("Rank", e => e.Rank == 0 ? "" : Number(e.Rank)),
            ("Council", e => applications.GetValueOrDefault(e.ApplicationId)?.LeadCouncilName ?? e.ApplicationId),
            ("Region", e => applications.GetValueOrDefault(e.ApplicationId)?.Region ?? ""),
            ("Chosen", e => e.Chosen ? "yes" : "no"),
            ("Why", e => e.Text));
    }
}
