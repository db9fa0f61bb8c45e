using Spectre.Console;

namespace Upstream.Cli;

/// <summary>
/// Where the tool writes and what it may ask: results on <see cref="Out"/> (tables, JSON, CSV), one-line errors on
/// <see cref="Error"/>, prompts only when <see cref="Interactive"/>; settings from <see cref="Environment"/>. Tests
/// pass their own, so the tool runs in-process with its output captured.
/// </summary>
public sealed record CliConsole(IAnsiConsole Out, TextWriter Error, bool Interactive, Func<string, string?> Environment, string WorkingDirectory)
{
    public static CliConsole System(IAnsiConsole console) => new(
        console,
        Console.Error,
        !Console.IsInputRedirected && console.Profile.Capabilities.Interactive,
        global::System.Environment.GetEnvironmentVariable,
        global::System.Environment.CurrentDirectory);

    /// <summary>
    /// The tool run in-process as a script runs it (no terminal, no colour, wide lines, no environment), its results
    /// written to <paramref name="output"/> and its errors to <paramref name="error"/>: how tests and other tools embed it.
    /// </summary>
    public static CliConsole Captured(TextWriter output, TextWriter error, string workingDirectory)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 240;
        return new CliConsole(console, error, Interactive: false, _ => null, workingDirectory);
    }
}
