using System.Diagnostics;
using System.Runtime.InteropServices;
using Upstream.Benchmarks.Grpc.Load;

namespace Upstream.Benchmarks.Grpc.Report;

/// <summary>What the figures were measured on: they only compare within one run on one machine.</summary>
internal sealed record MachineFacts(
    DateTimeOffset StartedAt,
    int Cores,
    string Os,
    string DotNet,
    string H2Load,
    string Grpcio,
    string Pinning,
    string LoadBefore,
    string? LoadAfter)
{
    internal static MachineFacts Capture(Pinning pinning) => new(
        DateTimeOffset.UtcNow,
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        FirstLine("h2load", "--version"),
        FirstLine("/usr/bin/python3", "-c", "import grpc; print('grpcio ' + grpc.__version__)"),
        pinning.Describe(),
        LoadAverage(),
        null);

    /// <summary>The 1, 5 and 15 minute load averages: other work on a shared machine shows up here.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string FirstLine(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
        var line = process.StandardOutput.ReadLine() ?? "";
        process.WaitForExit();
        return line.Trim();
    }
}
