using System.Diagnostics;

namespace Upstream.Hosting.Processes;

/// <summary>
/// A supervised child process. It runs under <see cref="ProcessGuard"/>, watching this process: if we die
/// without stopping it (SIGKILL, a crash, a cancelled test run), the guard stops the child within a second,
/// so no server is ever orphaned.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly OutputBuffer _output;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, OutputBuffer output)
    {
        _process = process;
        _output = output;
    }

    public int Id => _process.Id;

    /// <summary>Completes with the exit code when the process ends, however it ends.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    public IReadOnlyList<string> RecentOutput => _output.Snapshot();

    /// <summary>Raised for each line the process writes to stdout or stderr.</summary>
    public event Action<string>? OutputLine
    {
        add => _output.LineWritten += value;
        remove => _output.LineWritten -= value;
    }

    public static ChildProcess Start(ChildProcessSpec spec)
    {
        var info = new ProcessStartInfo(ProcessGuard.Shell)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in ProcessGuard.Arguments(spec, Environment.ProcessId))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in spec.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var output = new OutputBuffer(spec.OutputLinesKept);
        var child = new ChildProcess(process, output);
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.Exited += (_, _) => child.OnExited();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void OnExited()
    {
        // WaitForExit() without a timeout also drains the redirected output, so the last lines are kept.
        _process.WaitForExit();
        _exited.TrySetResult(_process.ExitCode);
    }

    /// <summary>Asks the process to stop, and kills it if it has not stopped within the grace period.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!HasExited)
        {
            NativeSignals.Send(_process.Id, Signal.Terminate);
            var finished = await Task.WhenAny(Exited, Task.Delay(grace)).ConfigureAwait(false);
            if (finished != Exited)
            {
                KillTree();
            }
        }

        return await Exited.ConfigureAwait(false);
    }

    private void KillTree()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        _process.Dispose();
    }
}
