using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Upstream.Benchmarks.Gateway;

/// <summary>
/// gRPC load from h2load (nghttp2's HTTP/2 load generator): the same unary GetCall, framed once, sent over a
/// fixed number of connections and concurrent streams to whichever front it is pointed at.
/// </summary>
public static partial class PassThroughLoad
{
    public const string Path = "/upstream.applications.v1.CallService/GetCall";

    public static async Task<double> RequestsPerSecondAsync(string requestFile, int port, int requests)
    {
        var start = new ProcessStartInfo("h2load",
        [
            "-n", requests.ToString(CultureInfo.InvariantCulture), "-c", "4", "-m", "32", "-t", "1",
            "-d", requestFile, "-H", "content-type: application/grpc", "-H", "te: trailers",
            $"http://127.0.0.1:{port}{Path}",
        ])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var succeeded = SucceededPattern().Match(output);
        if (!succeeded.Success || succeeded.Groups[1].Value != requests.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"h2load did not complete every request:\n{output}");
        }

        return double.Parse(RatePattern().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"finished in [0-9.]+m?s, ([0-9.]+) req/s")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded")]
    private static partial Regex SucceededPattern();
}
