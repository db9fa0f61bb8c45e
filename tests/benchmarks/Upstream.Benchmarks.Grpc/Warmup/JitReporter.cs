using System.Globalization;
using System.Runtime;

namespace Upstream.Benchmarks.Grpc.Warmup;

/// <summary>In the .NET servers under test: writes the JIT's compiled-method count, checked every second, for the runner's warm-up.</summary>
internal sealed class JitReporter : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Only changes are written, so a quiet JIT leaves the process's output (kept for error reports) alone.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var written = -1L;
        do
        {
            var count = JitInfo.GetCompiledMethodCount();
            if (count != written)
            {
                Console.Out.WriteLine(WarmUpPolicy.ReportPrefix + count.ToString(CultureInfo.InvariantCulture));
                written = count;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}

/// <summary>In the runner: the latest count a server process reported (null until one arrives, and for non-.NET servers).</summary>
internal sealed class JitWatch
{
    private long latest = -1;

    public void OnOutput(string line)
    {
        if (line.StartsWith(WarmUpPolicy.ReportPrefix, StringComparison.Ordinal)
            && long.TryParse(line.AsSpan(WarmUpPolicy.ReportPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            Interlocked.Exchange(ref latest, count);
        }
    }

    public long? Latest => Interlocked.Read(ref latest) is var value and >= 0 ? value : null;
}
