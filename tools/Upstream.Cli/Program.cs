using Spectre.Console;
using Upstream.Cli;

// `upstream`: the staff command-line tool. Everything is in UpstreamCli, so tests run it in-process.
return await UpstreamCli.RunAsync(args, CliConsole.System(AnsiConsole.Console));
