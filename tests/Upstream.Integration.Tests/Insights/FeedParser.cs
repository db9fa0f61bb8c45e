using System.Diagnostics;
using System.Text.Json;

namespace Upstream.Integration.Tests.Insights;

/// <summary>Python's feedparser, run on a feed as a partner's reader would: an implementation that is not ours.</summary>
internal static class FeedParser
{
    public static async Task<JsonElement> ParseAsync(string feed)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "python", "parse_feed.py")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(feed);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"feedparser failed (apphost/prerequisites.sh installs python3-feedparser): {error}");
        return JsonDocument.Parse(output).RootElement;
    }
}
