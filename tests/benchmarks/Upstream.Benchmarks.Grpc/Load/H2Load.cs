using System.Globalization;
using System.Text.RegularExpressions;
using Upstream.Benchmarks.Grpc.Warmup;
using Upstream.Hosting.Processes;

namespace Upstream.Benchmarks.Grpc.Load;

/// <summary>How hard h2load pushes: connections times concurrent streams per connection, for how long.</summary>
internal sealed record H2LoadSettings(int Connections, int Streams, WarmUpPolicy WarmUp, TimeSpan Duration);

/// <summary>
/// Runs nghttp2's h2load against one server with the pre-encoded request and reads its summary; latencies come
/// from its per-request log (it prints no percentiles). The warm-up is runs of their own, as long as the server's
/// JIT needs (<see cref="WarmUpPolicy"/>), so the server's CPU time can be read around the measured run alone.
/// </summary>
internal static partial class H2Load
{
    public static async Task<LoadResult> RunAsync(
        string scenario, int round, int port, string requestFile, IReadOnlyList<string> headers, H2LoadSettings settings, string workDirectory,
        Pinning pinning, int serverPid, Func<long?> serverCompiledMethods)
    {
        var warmUp = await settings.WarmUp.RunAsync(
            duration => RunAsync(port, requestFile, headers, settings, duration, log: null, pinning), serverCompiledMethods);
        var cpuBefore = ProcessCpu.Tree(serverPid);
        var log = Path.Combine(workDirectory, $"{scenario}-{round}.h2load.log");
        var summary = await RunAsync(port, requestFile, headers, settings, settings.Duration, log, pinning);
        var cpu = ProcessCpu.Tree(serverPid) - cpuBefore;

        var latencies = new List<double>();
        long failed = long.Parse(summary.Groups["failed"].Value, CultureInfo.InvariantCulture)
            + long.Parse(summary.Groups["errored"].Value, CultureInfo.InvariantCulture)
            + long.Parse(summary.Groups["timeout"].Value, CultureInfo.InvariantCulture);
        // Columns: start (µs since epoch), HTTP status, µs until the response ended.
        foreach (var line in await File.ReadAllLinesAsync(log))
        {
            var columns = line.Split('\t');
            if (columns.Length >= 3 && columns[1] == "200")
            {
                latencies.Add(double.Parse(columns[2], CultureInfo.InvariantCulture));
            }
            else if (columns.Length >= 3)
            {
                failed++;
            }
        }

        File.Delete(log);
        var result = LoadResult.From(scenario, round, settings.Duration, latencies, failed);
        return (result with { CpuMicrosecondsPerCall = cpu.TotalMicroseconds / Math.Max(1, result.Succeeded) }).After(warmUp);
    }

    private static async Task<Match> RunAsync(
        int port, string requestFile, IReadOnlyList<string> headers, H2LoadSettings settings, TimeSpan duration, string? log, Pinning pinning)
    {
        string[] arguments =
        [
            "-D", Whole(duration), "-c", Whole(settings.Connections), "-m", Whole(settings.Streams), "-t", "1",
            "-d", requestFile, "-H", "content-type: application/grpc", "-H", "te: trailers",
            .. headers.SelectMany(header => new[] { "-H", header }),
            .. log is null ? Array.Empty<string>() : ["--log-file", log],
            $"http://127.0.0.1:{Whole(port)}{Workload.UnaryWorkload.Path}",
        ];
        await using var h2load = ChildProcess.Start(pinning.LoadGenerator(new ChildProcessSpec("h2load", arguments)));
        var exitCode = await h2load.Exited;
        var output = string.Join('\n', h2load.RecentOutput);
        var summary = Summary().Match(output);
        if (exitCode != 0 || !summary.Success)
        {
            throw new InvalidOperationException($"h2load failed (exit {exitCode}):\n{output}");
        }

        return summary;
    }

    private static string Whole(TimeSpan span) => Whole((int)span.TotalSeconds);

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (?<succeeded>\d+) succeeded, (?<failed>\d+) failed, (?<errored>\d+) errored, (?<timeout>\d+) timeout")]
    private static partial Regex Summary();
}
