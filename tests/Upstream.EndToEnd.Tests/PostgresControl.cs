using System.Diagnostics;

namespace Upstream.EndToEnd.Tests;

internal static class PostgresControl
{
    /// <summary>pg_controldata's report on a data folder: "Database cluster state: shut down" after a clean stop.</summary>
    public static async Task<string> DataAsync(string data)
    {
        var pgControlData = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin", "pg_controldata")).First(File.Exists);
        using var process = Process.Start(new ProcessStartInfo(pgControlData, [data]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
