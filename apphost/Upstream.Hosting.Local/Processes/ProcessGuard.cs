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
    // $1 = owner pid, $2 = stop signal, $3 = clean-up command (may be empty), then the command.
    private const string Script = """
        owner=$1; sig=$2; after=$3; shift 3
        guard=$$
        "$@" &
        child=$!
        trap 'kill -s "$sig" "$child" 2>/dev/null' TERM INT
        (
          trap '' TERM INT
          while kill -0 "$owner" 2>/dev/null && kill -0 "$guard" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 0.5; done
          if kill -0 "$child" 2>/dev/null; then
            kill -s "$sig" "$child" 2>/dev/null
            i=0; while kill -0 "$child" 2>/dev/null && [ $i -lt 40 ]; do sleep 0.25; i=$((i+1)); done
            kill -s KILL "$child" 2>/dev/null
          fi
          while kill -0 "$child" 2>/dev/null; do sleep 0.1; done
          if [ -n "$after" ]; then sh -c "$after" >/dev/null 2>&1; fi
        ) </dev/null >/dev/null 2>&1 &
        wait "$child"; status=$?
        while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
        if [ -n "$after" ]; then sh -c "$after" >/dev/null 2>&1; fi
        exit $status
        """;

    /// <summary>The shell that runs the guard.</summary>
    public const string Shell = "/bin/sh";

    /// <summary>The shell's arguments that run <paramref name="spec"/> under a guard watching <paramref name="ownerPid"/>.</summary>
    public static IReadOnlyList<string> Arguments(ChildProcessSpec spec, int ownerPid) =>
    [
        "-c", Script, "guard",
        ownerPid.ToString(CultureInfo.InvariantCulture),
        spec.StopSignal == Signal.Interrupt ? "INT" : "TERM",
        spec.AfterExit ?? "",
        spec.FileName,
        .. spec.Arguments,
    ];
}
