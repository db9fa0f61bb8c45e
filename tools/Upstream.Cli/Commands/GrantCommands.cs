using System.CommandLine;
using Spectre.Console;
using Upstream.Cli.Connection;
using Upstream.Cli.Output;
using Upstream.Grants.V1;

namespace Upstream.Cli.Commands;

/// <summary>upstream grants fund [FUND] | award REQUEST ... | export-360giving DIR [--fund FUND].</summary>
public static class GrantCommands
{
    public static Command Build(CliConsole console)
    {
        var fundId = new Argument<string?>("FUND") { Description = "The fund's id (default: every fund).", Arity = ArgumentArity.ZeroOrOne };
        var requestId = new Argument<string>("REQUEST") { Description = "The grant request's id." };
        var amount = new Option<long>("--amount-pence") { Description = "The amount awarded in pence (default: the amount requested)." };
        var reason = new Option<string>("--reason") { Description = "Why it is awarded.", Required = true };
        var conditions = new Option<string[]>("--condition") { Description = "A condition of the grant (repeatable)." };
        var due = new Option<string[]>("--report-due") { Description = "A London date an evidence report is due, yyyy-mm-dd (repeatable; at least one).", Required = true };
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "The folder to write <fund>.json (a 360Giving data package) and <fund>.csv into." };
        var onlyFund = new Option<string?>("--fund") { Description = "Only this fund (default: every fund)." };

        return new Command("grants", "The experimentation fund and its grants.").With(
            new Command("fund", "Each fund's total, committed and remaining, with a bar.").With(fundId).Runs(console, async (parse, connection, ct) =>
            {
                var client = connection.Client<FundService.FundServiceClient>("grants");
                var funds = parse.GetValue(fundId) is { } id
                    ? [await client.GetFundAsync(new GetFundRequest { FundId = id }, cancellationToken: ct)]
                    : (await client.ListFundsAsync(new ListFundsRequest(), cancellationToken: ct)).Funds.ToList();
                if (parse.Json())
                {
                    console.Json(funds);
                    return ExitCodes.Ok;
                }

                foreach (var fund in funds)
                {
                    console.Out.WriteLine($"{fund.Name} ({fund.FundId}){(fund.Open ? "" : ", closed")}: total {Render.Pounds(fund.TotalPence)}, committed {Render.Pounds(fund.CommittedPence)} (paid {Render.Pounds(fund.PaidPence)}), remaining {Render.Pounds(fund.RemainingPence)}");
                    console.Out.Write(new BreakdownChart().Width(60).ShowTagValues(false)
                        .AddItem("committed", Math.Max(fund.CommittedPence, 0) / 100d, Color.Orange1)
                        .AddItem("remaining", Math.Max(fund.RemainingPence, 0) / 100d, Color.Green));
                }

                return ExitCodes.Ok;
            }),
            new Command("award", "Awards a grant on a request under assessment.").With(requestId, amount, reason, conditions, due).Runs(console, async (parse, connection, ct) =>
            {
                var request = new AwardGrantRequest { RequestId = parse.GetRequiredValue(requestId), AmountPence = parse.GetValue(amount), Reason = parse.GetRequiredValue(reason) };
                request.Conditions.AddRange(parse.GetValue(conditions) ?? []);
                request.ReportDueDates.AddRange(parse.GetValue(due) ?? []);
                var grant = await connection.Client<AssessmentService.AssessmentServiceClient>("grants").AwardGrantAsync(request, cancellationToken: ct);
                if (parse.Json())
                {
                    console.Json(grant);
                }
                else
                {
                    console.Out.WriteLine($"Grant {grant.GrantId} awarded to {grant.LeadCouncilCode}: {Render.Pounds(grant.AwardedPence)}.");
                }

                return ExitCodes.Ok;
            }),
            new Command("export-360giving", "Writes each fund's awards as 360Giving open data: a JSON data package and the flat CSV.").With(directory, onlyFund).Runs(console, async (parse, connection, ct) =>
            {
                var client = connection.Client<FundService.FundServiceClient>("grants");
                var folder = parse.GetRequiredValue(directory);
                folder.Create();
                var ids = parse.GetValue(onlyFund) is { } id ? [id] : (await client.ListFundsAsync(new ListFundsRequest(), cancellationToken: ct)).Funds.Select(f => f.FundId).ToList();
                var written = new List<string>();
                foreach (var fund in ids)
                {
                    foreach (var format in new[] { "json", "csv" })
                    {
                        var body = await client.ExportOpenDataAsync(new ExportOpenDataRequest { FundId = fund, Format = format }, cancellationToken: ct);
                        var path = Path.Combine(folder.FullName, $"{fund}.{format}");
                        await File.WriteAllBytesAsync(path, body.Data.ToByteArray(), ct);
                        written.Add(path);
                    }
                }

                if (parse.Json())
                {
                    console.Raw(System.Text.Json.JsonSerializer.Serialize(written));
                }
                else
                {
                    foreach (var path in written)
                    {
                        console.Out.WriteLine($"Wrote {path}");
                    }
                }

                return ExitCodes.Ok;
            }));
    }
}
