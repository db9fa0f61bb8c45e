using System.CommandLine;
using Spectre.Console;
using Upstream.Cli.Connection;
using Upstream.Cli.Output;
using Upstream.Network.V1;

namespace Upstream.Cli.Commands;

/// <summary>upstream members list|show CODE, findings add, workgroups list.</summary>
public static class NetworkCommands
{
    public static Command Members(CliConsole console)
    {
        var former = new Option<bool>("--include-former") { Description = "Also councils whose membership has ended." };
        var code = new Argument<string>("CODE") { Description = "The council's registry code (e.g. ADU)." };
        return new Command("members", "The network's member councils.").With(
            new Command("list", "Every member council.").With(former).Runs(console, async (parse, connection, ct) =>
            {
                var members = (await connection.Client<MemberService.MemberServiceClient>("network")
                    .ListMembersAsync(new ListMembersRequest { IncludeFormer = parse.GetValue(former) }, cancellationToken: ct)).Members;
                if (parse.Json())
                {
                    console.Json(members);
                }
                else
                {
                    console.Table(members, ("Code", m => m.CouncilCode), ("Council", m => m.CouncilName), ("Region", m => m.Region),
                        ("Character", m => string.Join(", ", m.AreaCharacters)), ("Joined", m => Render.Time(m.Joined)), ("Current", m => m.Current ? "yes" : "no"));
                }

                return ExitCodes.Ok;
            }),
            new Command("show", "One member council.").With(code).Runs(console, async (parse, connection, ct) =>
            {
                var m = await connection.Client<MemberService.MemberServiceClient>("network").GetMemberAsync(new GetMemberRequest { CouncilCode = parse.GetRequiredValue(code) }, cancellationToken: ct);
                if (parse.Json())
                {
                    console.Json(m);
                }
                else
                {
                    console.Table(
                        [("Code", m.CouncilCode), ("Council", m.CouncilName), ("Type", m.CouncilType), ("Region", m.Region), ("Character", string.Join(", ", m.AreaCharacters)),
                            ("Initiative", m.Initiative?.Title ?? ""), ("Joined", Render.Time(m.Joined)), ("Current", m.Current ? "yes" : $"no ({m.LeftReason})"), ("Delegates", string.Join(", ", m.DelegatePersonIds))],
                        ("Field", r => r.Item1), ("Value", r => r.Item2));
                }

                return ExitCodes.Ok;
            }));
    }

    public static Command Findings(CliConsole console)
    {
        var visit = new Option<string?>("--visit") { Description = "The discovery visit's id." };
        var kind = new Option<FindingKind?>("--kind") { Description = "driver, barrier or enabler." };
        var theme = new Option<string?>("--theme") { Description = "The finding's theme." };
        var dimension = new Option<FindingDimension?>("--dimension") { Description = "purpose, mindset, values-and-principles, infrastructure-and-capabilities or outcomes." };
        var text = new Option<string?>("--text") { Description = "What was found." };
        var quote = new Option<string?>("--quote") { Description = "A quote (at most 280 characters)." };
        var consent = new Option<bool>("--quote-consent") { Description = "Its speaker agreed to its publication." };
        kind.CustomParser = r => Parse<FindingKind>(r.Tokens[0].Value, r);
        dimension.CustomParser = r => Parse<FindingDimension>(r.Tokens[0].Value, r);

        return new Command("findings", "Findings from discovery visits.").With(
            new Command("add", "Adds a finding to a visit; asks for what is missing when run in a terminal.")
                .With(visit, kind, theme, dimension, text, quote, consent)
                .Runs(console, async (parse, connection, ct) =>
                {
                    var ask = new Prompter(console);
                    var request = new FindingAddRequest
                    {
                        VisitId = ask.Text(parse.GetValue(visit), "--visit", "Visit id"),
                        Finding = new FindingDraft
                        {
                            Kind = ask.Choice(parse.GetValue(kind), "--kind", "Kind", [FindingKind.Driver, FindingKind.Barrier, FindingKind.Enabler]),
                            Theme = ask.Text(parse.GetValue(theme), "--theme", "Theme"),
                            Dimension = ask.Choice(parse.GetValue(dimension), "--dimension", "Dimension",
                                [FindingDimension.Purpose, FindingDimension.Mindset, FindingDimension.ValuesAndPrinciples, FindingDimension.InfrastructureAndCapabilities, FindingDimension.Outcomes]),
                            Text = ask.Text(parse.GetValue(text), "--text", "What was found"),
                            Quote = parse.GetValue(quote) ?? "",
                            QuoteConsent = parse.GetValue(consent),
                        },
                    };
                    ask.ThrowIfMissing();
                    var finding = await connection.Client<VisitService.VisitServiceClient>("network").AddFindingAsync(request, cancellationToken: ct);
                    if (parse.Json())
                    {
                        console.Json(finding);
                    }
                    else
                    {
                        console.Out.WriteLine($"Finding {finding.Id} added to visit {finding.VisitId} ({finding.CouncilCode}).");
                    }

                    return ExitCodes.Ok;
                }));
    }

    public static Command Workgroups(CliConsole console)
    {
        var theme = new Option<string?>("--theme") { Description = "Only this theme." };
        var council = new Option<string?>("--council") { Description = "Only workgroups this council takes part in." };
        return new Command("workgroups", "Themed workgroups.").With(
            new Command("list", "Every workgroup.").With(theme, council).Runs(console, async (parse, connection, ct) =>
            {
                var groups = (await connection.Client<WorkgroupService.WorkgroupServiceClient>("network")
                    .ListWorkgroupsAsync(new WorkgroupListRequest { Theme = parse.GetValue(theme) ?? "", CouncilCode = parse.GetValue(council) ?? "" }, cancellationToken: ct)).Workgroups;
                if (parse.Json())
                {
                    console.Json(groups);
                }
                else
                {
                    console.Table(groups, ("Id", g => g.Id), ("Name", g => g.Name), ("Theme", g => g.Theme), ("Lead", g => g.LeadCouncilCode),
                        ("Participants", g => g.Participants.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                return ExitCodes.Ok;
            }));
    }

    /// <summary>"values-and-principles" or "ValuesAndPrinciples" to the enum; anything else is a parse error (exit 2).</summary>
    private static T? Parse<T>(string value, System.CommandLine.Parsing.ArgumentResult result)
        where T : struct, Enum
    {
        if (Enum.TryParse<T>(value.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Convert.ToInt32(parsed, System.Globalization.CultureInfo.InvariantCulture) != 0)
        {
            return parsed;
        }

        result.AddError($"'{value}' is not one of: {string.Join(", ", Enum.GetValues<T>().Skip(1).Select(v => Render.Words(v).Replace(' ', '-')))}.");
        return null;
    }
}
