using System.Runtime.InteropServices;

namespace Upstream.Hosting.Processes;

/// <summary>POSIX signals. .NET can only SIGKILL another process; graceful shutdown needs TERM or INT.</summary>
public enum Signal
{
    Interrupt = 2,
    Kill = 9,
    Terminate = 15,
}

public static partial class NativeSignals
{
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    public static bool Send(int pid, Signal signal) => Kill(pid, (int)signal) == 0;

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;
}
