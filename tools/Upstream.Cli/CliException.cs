namespace Upstream.Cli;

/// <summary>A failure the tool reports itself (a bad file, a missing argument, no address): one line and an exit code.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
