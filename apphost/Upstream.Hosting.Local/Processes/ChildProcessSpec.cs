namespace Upstream.Hosting.Processes;

/// <summary>What to run, and how to ask it to stop.</summary>
public sealed record ChildProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables added to (or, with a null value, removed from) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The signal that asks for a graceful stop (PostgreSQL wants INT for a fast shutdown).</summary>
    public Signal StopSignal { get; init; } = Signal.Terminate;

    /// <summary>A shell command run once the process has gone, however it went: to clean up what it leaves behind.</summary>
    public string? AfterExit { get; init; }

    /// <summary>Lines of output kept for crash reports and the console.</summary>
    public int OutputLinesKept { get; init; } = 200;
}
