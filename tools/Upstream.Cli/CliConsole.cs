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
}
