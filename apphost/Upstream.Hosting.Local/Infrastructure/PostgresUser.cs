using System.Diagnostics;
using Upstream.Hosting.Processes;

namespace Upstream.Hosting.Infrastructure;

/// <summary>
/// PostgreSQL refuses to run as root. Run as root (CI, containers), we drop to the 'postgres' account that
/// Debian's package creates, with setpriv, which execs rather than forks, so signals reach the server itself.
/// </summary>
internal sealed class PostgresUser
{
    private readonly bool _dropPrivileges;

    private PostgresUser(bool dropPrivileges) => _dropPrivileges = dropPrivileges;

    public static PostgresUser ForCurrentProcess() => new(NativeSignals.IsRoot);

    public ChildProcessSpec Wrap(string program, IReadOnlyList<string> arguments) =>
        _dropPrivileges
            ? new ChildProcessSpec("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", program, .. arguments])
            : new ChildProcessSpec(program, arguments);

    /// <summary>Hands a file or folder (and the folders above it, for traversal) to the postgres account.</summary>
    public void Own(string path)
    {
        if (!_dropPrivileges || OperatingSystem.IsWindows())
        {
            return;
        }

        Run("chown", "-R", "postgres:postgres", path);
        for (var dir = Path.GetDirectoryName(path); dir is not null && dir != "/"; dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                File.SetUnixFileMode(dir, mode | UnixFileMode.OtherExecute);
            }
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}");
        }
    }
}
