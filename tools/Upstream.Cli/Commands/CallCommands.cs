using System.CommandLine;
using Upstream.Applications.V1;
using Upstream.Cli.Connection;
using Upstream.Cli.Output;

namespace Upstream.Cli.Commands;

/// <summary>upstream calls list | show CALL | draft FILE.yaml|json | publish CALL.</summary>
public static class CallCommands
{
    public static readonly Argument<string> CallId = new("CALL") { Description = "The call's id." };

    public static Command Build(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The call's details as YAML or JSON (CallDetails: title, opens_london, closes_london, quotas...)." };
        return new Command("calls", "Calls for ideas.").With(
            new Command("list", "Every call.").Runs(console, async (parse, connection, ct) =>
            {
                var calls = (await Calls(connection).ListCallsAsync(new ListCallsRequest(), cancellationToken: ct)).Calls;
                if (parse.Json())
                {
                    console.Json(calls);
                }
                else
                {
                    console.Table(calls, ("Id", c => c.Id), ("Title", c => c.Title), ("State", c => Render.Words(c.State)),
                        ("Opens", c => c.Opens?.London ?? ""), ("Closes", c => c.Closes?.London ?? ""), ("Cohort", c => c.TargetCohortSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                return ExitCodes.Ok;
            }),
            new Command("show", "One call.").With(CallId).Runs(console, async (parse, connection, ct) =>
                Show(console, parse, await Calls(connection).GetCallAsync(new GetCallRequest { CallId = parse.GetRequiredValue(CallId) }, cancellationToken: ct))),
            new Command("draft", "Drafts a call from a file.").With(file).Runs(console, async (parse, connection, ct) =>
            {
                var details = MessageFile.Read<CallDetails>(parse.GetRequiredValue(file).FullName);
                return Show(console, parse, await Calls(connection).DraftCallAsync(new DraftCallRequest { Details = details }, cancellationToken: ct));
            }),
            new Command("publish", "Publishes a drafted call.").With(CallId).Runs(console, async (parse, connection, ct) =>
                Show(console, parse, await Calls(connection).PublishCallAsync(new PublishCallRequest { CallId = parse.GetRequiredValue(CallId) }, cancellationToken: ct))));
    }

    private static CallService.CallServiceClient Calls(ServiceConnection connection) => connection.Client<CallService.CallServiceClient>("applications");

    private static int Show(CliConsole console, ParseResult parse, Call call)
    {
        if (parse.Json())
        {
            console.Json(call);
            return ExitCodes.Ok;
        }

        console.Table(
            [("Id", call.Id), ("Title", call.Title), ("State", Render.Words(call.State)), ("Opens", call.Opens?.London ?? ""), ("Closes", call.Closes?.London ?? ""),
                ("Decisions by", call.DecisionsBy), ("Cohort size", call.TargetCohortSize.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            ("Field", r => r.Item1), ("Value", r => r.Item2));
        return ExitCodes.Ok;
    }
}
