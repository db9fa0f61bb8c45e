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
        var exitCode = await UpstreamCli.RunAsync(args, CliConsole.Captured(output, error, workingDirectory ?? Elsewhere), cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
