using Spectre.Console;

namespace Upstream.Cli.Tests;

/// <summary>What one run of the tool printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the tool in-process as a script would (no terminal), its output and errors captured.</summary>
public static class Cli
{
    /// <summary>A folder with no .upstream/system.json above it, so only flags say where the services are.</summary>
    public static readonly string Elsewhere = Directory.CreateTempSubdirectory("upstream-cli-").FullName;

    public static Task<CliResult> RunAsync(ServiceHost service, params string[] args) =>
        RunAsync([.. args, $"--{service.Name}", service.GrpcAddress.ToString(), "--token", service.Token("staff-1", "staff")]);

    public static async Task<CliResult> RunAsync(string[] args, StringWriter? output = null, string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        output ??= new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 240;
        var exitCode = await UpstreamCli.RunAsync(args, new CliConsole(console, error, Interactive: false, _ => null, workingDirectory ?? Elsewhere), cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
