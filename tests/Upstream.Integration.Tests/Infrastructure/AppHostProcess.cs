using System.Diagnostics;
using System.Text.RegularExpressions;
using Upstream.Hosting.Processes;

namespace Upstream.Integration.Tests.Infrastructure;

/// <summary>The real app host, run as an operator runs it, with its console read as the operator reads it.</summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    private AppHostProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <param name="settings">More command-line settings, e.g. --Upstream:Dashboard:Port=N.</param>
    public static AppHostProcess Start(string dataDirectory, params string[] settings)
    {
        var root = RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/CONFIG/TFM
        var dll = Path.Combine(root, "apphost", "Upstream.AppHost", "bin", configuration, "net10.0", "Upstream.AppHost.dll");
        // As a terminal runs a foreground command: SIGINT at its default. A test run started in the background (as CI
        // scripts may) inherits SIGINT ignored, .NET keeps it ignored, and Ctrl+C would never reach the app host.
        var info = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3",
            ["-c", ForegroundSignals, "dotnet", dll, $"--Upstream:DataDirectory={dataDirectory}", .. settings])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        var host = new AppHostProcess(new Process { StartInfo = info });
        host._process.OutputDataReceived += (_, e) => host.Add(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Add(e.Data);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Resets SIGINT and SIGQUIT to their defaults, then becomes (exec) the command: same process id.</summary>
    private const string ForegroundSignals =
        "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); signal.signal(signal.SIGQUIT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])";

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_gate)
            {
                _lines.Add(line);
            }
        }
    }

    public async Task WaitUntilRunningAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(4); // several app hosts and brokers may be starting at once in a parallel test run
        while (!Output.Contains("Upstream is running", StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"The app host did not report every resource healthy:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The port the console reports for a resource's endpoint.</summary>
    public int PortOf(string resource) =>
        int.Parse(Regex.Match(Output, $@"^{resource}\s.*://127\.0\.0\.1:(\d+)", RegexOptions.Multiline).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The dashboard link (with its login token) the console prints.</summary>
    public Uri DashboardLoginUrl =>
        new(Regex.Match(Output, @"Dashboard: (http://\S+/login\?t=\S+)").Groups[1].Value is { Length: > 0 } url
            ? url
            : throw new Xunit.Sdk.XunitException($"The app host printed no dashboard link:\n{Output}"));

    public void Signal(Signal signal) => _ = signal == Hosting.Processes.Signal.Kill ? Kill() : SendSignal(signal);

    private bool Kill()
    {
        _process.Kill();
        return true;
    }

    private bool SendSignal(Signal signal)
    {
        using var kill = Process.Start("kill", [$"-{(int)signal}", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        return kill.ExitCode == 0;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // Say what the app host was doing when it failed to stop, not just that it timed out.
            throw new Xunit.Sdk.XunitException($"The app host did not exit within {timeout.TotalSeconds:0} s:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Upstream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Upstream.sln not found above the test output folder.");
    }
}
