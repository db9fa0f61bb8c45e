using System.Globalization;

namespace Upstream.Hosting.Processes;

/// <summary>
/// The small shell guard every server runs under. It forwards a stop request (TERM or INT to the guard) as the
/// server's own graceful stop signal, and watches the owner (the test process, or the Aspire app host): if the owner
/// or the guard itself dies without stopping the server (SIGKILL, a crash, a cancelled test run), the server is
/// still asked to stop within a second, and killed only if it has not stopped 10 s later. Then what the server
/// left behind (<see cref="ChildProcessSpec.AfterExit"/>, for instance RabbitMQ's epmd) is cleaned up.
/// </summary>
public static class ProcessGuard
{
    /// <summary>The shell that runs the guard.</summary>
    public const string Shell = "/bin/sh";

    /// <summary>The guard script, shipped beside the assemblies that use it.</summary>
    public static string ScriptPath { get; } = Path.Combine(AppContext.BaseDirectory, "upstream-guard.sh");

    /// <summary>The shell's arguments that run <paramref name="spec"/> under a guard watching <paramref name="ownerPid"/>.</summary>
    public static IReadOnlyList<string> Arguments(ChildProcessSpec spec, int ownerPid) =>
    [
        ScriptPath,
        ownerPid.ToString(CultureInfo.InvariantCulture),
        spec.StopSignal == Signal.Interrupt ? "INT" : "TERM",
        spec.AfterExit ?? "",
        spec.FileName,
        .. spec.Arguments,
    ];
}
