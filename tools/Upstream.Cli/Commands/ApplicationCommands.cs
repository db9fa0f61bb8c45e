using System.CommandLine;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Spectre.Console;
using Upstream.Applications.V1;
using Upstream.Cli.Connection;
using Upstream.Cli.Output;

namespace Upstream.Cli.Commands;

/// <summary>upstream applications import FILE.csv --call CALL | export --call CALL [--file FILE].</summary>
public static class ApplicationCommands
{
    public static Command Build(CliConsole console)
    {
        var call = new Option<string>("--call") { Description = "The call's id.", Required = true };
        var file = new Argument<FileInfo>("FILE") { Description = "The CSV file (the columns of an export; lists separated by ';')." };
        var allOrNothing = new Option<bool>("--all-or-nothing") { Description = "Import nothing if any row is refused (by default the rows that pass are imported together)." };
        var output = new Option<FileInfo?>("--file", "-f") { Description = "Write the CSV here (default: standard output)." };

        return new Command("applications", "Bulk import and export of a call's applications.").With(
            new Command("import", "Imports applications from a CSV file: the rows that pass, together; every refused row with its reasons.")
                .With(file, call, allOrNothing)
                .Runs(console, (parse, connection, ct) => ImportAsync(console, parse, connection, parse.GetRequiredValue(file), parse.GetRequiredValue(call), parse.GetValue(allOrNothing), ct)),
            new Command("export", "Streams every application of a call as CSV.").With(call, output).Runs(console, async (parse, connection, ct) =>
            {
                var transfer = connection.Client<TransferService.TransferServiceClient>("applications");
                using var stream = transfer.ExportApplications(new ExportApplicationsRequest { CallId = parse.GetRequiredValue(call) }, deadline: DateTime.UtcNow.AddMinutes(5), cancellationToken: ct);
                var target = parse.GetValue(output);
                await using var writer = target is null ? null : new StreamWriter(target.FullName, append: false, new UTF8Encoding(false));
                var text = writer ?? console.Out.Profile.Out.Writer;

                // Chunks are cut by bytes: the decoder keeps a character split between two chunks whole.
                var decoder = Encoding.UTF8.GetDecoder();
                await foreach (var chunk in stream.ResponseStream.ReadAllAsync(ct))
                {
                    var bytes = chunk.Csv.Span;
                    var chars = new char[decoder.GetCharCount(bytes, flush: false)];
                    decoder.GetChars(bytes, chars, flush: false);
                    await text.WriteAsync(chars, ct);
                }

                await text.FlushAsync(ct);
                return ExitCodes.Ok;
            }));
    }

    private static async Task<int> ImportAsync(CliConsole console, ParseResult parse, ServiceConnection connection, FileInfo file, string callId, bool allOrNothing, CancellationToken ct)
    {
        if (!file.Exists)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.FullName}: no such file.");
        }

        var import = new CsvImport(connection.Client<TransferService.TransferServiceClient>("applications"), callId, file.FullName);
        var rows = import.Rows();
        var checkedReport = await WithProgressAsync(console, parse, "Checking every row", file.Length, progress => import.SendAsync(new HashSet<int>(), progress, ct));
        var report = checkedReport;
        var refused = checkedReport.Imported ? [] : checkedReport.Problems.Select(p => p.Line).ToHashSet();
        var fileRefused = checkedReport.Problems.Any(p => !rows.Contains(p.Line)); // the header, or the file as a whole
        if (!checkedReport.Imported && !allOrNothing && !fileRefused && refused.Count < rows.Count)
        {
            report = await WithProgressAsync(console, parse, "Importing the rows that passed", file.Length, progress => import.SendAsync(refused, progress, ct));
        }

        IReadOnlyList<RowProblem> problems = report.Imported ? checkedReport.Problems : report.Problems.Concat(checkedReport.Problems).DistinctBy(p => (p.Line, p.Field, p.Description)).ToList();
        var taken = report.Imported ? report.ApplicationIds.Count : 0;
        Summarise(console, parse, rows.Count, taken, problems);
        return taken == rows.Count ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    private static async Task<ImportReport> WithProgressAsync(CliConsole console, ParseResult parse, string what, long bytes, Func<IProgress<long>, Task<ImportReport>> send)
    {
        if (parse.Json() || !console.Interactive)
        {
            return await send(new Progress<long>());
        }

        return await console.Out.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask(what, maxValue: Math.Max(1, bytes));
            var report = await send(new Progress<long>(sent => task.Value = sent));
            task.Value = task.MaxValue;
            return report;
        });
    }

    private static void Summarise(CliConsole console, ParseResult parse, int rows, int taken, IReadOnlyList<RowProblem> problems)
    {
        var refusedRows = problems.Select(p => p.Line).Distinct().Count();
        var refused = Math.Max(refusedRows, rows - taken);
        if (parse.Json())
        {
            console.Raw(JsonSerializer.Serialize(new
            {
                rows,
                taken,
                refused,
                problems = problems.Select(p => new { line = p.Line, councilCode = p.CouncilCode, field = p.Field, description = p.Description }),
            }));
            return;
        }

        console.Out.WriteLine($"{rows} rows: {taken} taken, {refused} refused.");
        if (problems.Count > 0)
        {
            console.Table(problems.OrderBy(p => p.Line), ("Line", p => p.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Council", p => p.CouncilCode), ("Field", p => p.Field), ("Reason", p => p.Description));
        }

        if (taken == 0 && rows > 0)
        {
            console.Out.MarkupLine("[yellow]Nothing was imported.[/]");
        }
    }
}
