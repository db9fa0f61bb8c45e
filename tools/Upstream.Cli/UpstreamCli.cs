using System.CommandLine;
using Grpc.Core;
using Upstream.Cli.Commands;
using Upstream.Cli.Connection;
using Upstream.Cli.Output;

namespace Upstream.Cli;

/// <summary>The tool's entry point: parse, run one command against the services, turn every failure into one line and an exit code.</summary>
public static class UpstreamCli
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("upstream: staff tools for the Upstream services, over gRPC.\n\n" + ExitCodes.Help);
        GlobalOptions.AddTo(root);
        foreach (var command in new[]
                 {
                     CallCommands.Build(console), ApplicationCommands.Build(console), CohortCommands.Build(console),
                     NetworkCommands.Members(console), NetworkCommands.Findings(console), NetworkCommands.Workgroups(console),
                     EventCommands.Events(console), EventCommands.Claims(console), GrantCommands.Build(console), InsightCommands.Build(console),
                 })
        {
            root.Add(command);
        }

        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = console.Out.Profile.Out.Writer, Error = console.Error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"upstream: {error.Message}");
            }

            await console.Error.WriteLineAsync("Run 'upstream --help' for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok; // Ctrl+C ends a watch
        }
        catch (RpcException e)
        {
            await console.Error.WriteLineAsync($"upstream: {StatusLine.Of(e)}");
            return ExitCodes.For(e.StatusCode);
        }
        catch (CliException e)
        {
            await console.Error.WriteLineAsync($"upstream: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"upstream: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
