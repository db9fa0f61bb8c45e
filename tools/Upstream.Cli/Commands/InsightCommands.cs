using System.CommandLine;
using Grpc.Core;
using Spectre.Console;
using Upstream.Cli.Connection;
using Upstream.Cli.Output;
using Upstream.Insights.V1;

namespace Upstream.Cli.Commands;

/// <summary>upstream insights publish FILE.md --title --summary --theme | watch.</summary>
public static class InsightCommands
{
    public static Command Build(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The piece in Markdown (CommonMark)." };
        var title = new Option<string?>("--title") { Description = "The title (default: the file's first '# ' heading)." };
        var summary = new Option<string>("--summary") { Description = "A one-line summary.", Required = true };
        var theme = new Option<string>("--theme") { Description = "The theme it belongs to.", Required = true };
        return new Command("insights", "Insight pieces for partners.").With(
            new Command("publish", "Drafts a piece from Markdown, takes it through review and publishes it.").With(file, title, summary, theme).Runs(console, async (parse, connection, ct) =>
            {
                var path = parse.GetRequiredValue(file);
                if (!path.Exists)
                {
                    throw new CliException(ExitCodes.BadInput, $"{path.FullName}: no such file.");
                }

                var markdown = await File.ReadAllTextAsync(path.FullName, ct);
                var heading = markdown.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim();
                var details = new PublicationDetails
                {
                    Title = parse.GetValue(title) ?? heading ?? throw new CliException(ExitCodes.BadInput, "Give --title: the file has no '# ' heading."),
                    Summary = parse.GetRequiredValue(summary),
                    Theme = parse.GetRequiredValue(theme),
                    Markdown = markdown,
                };
                var publications = connection.Client<PublicationService.PublicationServiceClient>("insights");
                var draft = await publications.DraftPublicationAsync(new DraftPublicationRequest { Details = details }, cancellationToken: ct);
                await publications.SubmitPublicationForReviewAsync(new SubmitPublicationForReviewRequest { PublicationId = draft.PublicationId }, cancellationToken: ct);
                var published = await publications.PublishPublicationAsync(new PublishPublicationRequest { PublicationId = draft.PublicationId }, cancellationToken: ct);
                if (parse.Json())
                {
                    console.Json(published);
                }
                else
                {
                    console.Out.WriteLine($"Published {published.PublicationId}: {published.Details.Title}");
                }

                return ExitCodes.Ok;
            }),
            new Command("watch", "Shows pieces as they are published or retracted, live, until Ctrl+C.").Runs(console, async (parse, connection, ct) =>
            {
                // No deadline: a watch runs until the user stops it.
                using var call = connection.Client<PublicationService.PublicationServiceClient>("insights").WatchPublications(new WatchPublicationsRequest(), cancellationToken: ct);
                try
                {
                    if (!parse.Json())
                    {
                        console.Out.MarkupLine("[grey]Watching publications (Ctrl+C to stop)...[/]");
                    }

                    await foreach (var publication in call.ResponseStream.ReadAllAsync(ct))
                    {
                        if (parse.Json())
                        {
                            console.Json(publication); // one JSON object per line
                        }
                        else
                        {
                            console.Out.WriteLine($"{Render.Time(publication.PublishedAt ?? publication.UpdatedAt)} {publication.State} {publication.PublicationId} {publication.Details?.Title}");
                        }
                    }
                }
                catch (Exception e) when (ct.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
                {
                    // Ctrl+C: the watch ends as asked.
                }

                return ExitCodes.Ok;
            }));
    }
}
