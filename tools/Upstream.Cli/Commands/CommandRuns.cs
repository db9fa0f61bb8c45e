using System.CommandLine;
using Upstream.Cli.Connection;

namespace Upstream.Cli.Commands;

/// <summary>Every command's action the same way: a connection for the run, disposed after it, and an exit code back.</summary>
public static class CommandRuns
{
    public static Command Runs(this Command command, CliConsole console, Func<ParseResult, ServiceConnection, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var connection = new ServiceConnection(parse, console);
            return await action(parse, connection, cancellationToken);
        });
        return command;
    }

    public static Command With(this Command command, params Symbol[] symbols)
    {
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Add(argument);
                    break;
                case Option option:
                    command.Add(option);
                    break;
                case Command sub:
                    command.Add(sub);
                    break;
            }
        }

        return command;
    }
}
