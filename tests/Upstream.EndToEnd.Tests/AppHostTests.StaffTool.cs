using System.Text.Json;
using Upstream.Cli;

namespace Upstream.EndToEnd.Tests;

public sealed partial class AppHostTests
{
    [Fact, Step(2)]
    public async Task The_staff_tool_finds_the_running_system_from_the_file_the_app_host_writes()
    {
        var path = Path.Combine(host.DataDirectory, "system.json");
        var deadline = DateTime.UtcNow.AddSeconds(60); // written just after every resource reports healthy
        while (!File.Exists(path) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path)); // it holds a staff token
        }
        using (var system = JsonDocument.Parse(await File.ReadAllTextAsync(path)))
        {
            Assert.Equal(["applications", "events", "grants", "insights", "network"], system.RootElement.GetProperty("services").EnumerateObject().Select(s => s.Name).Order());
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var listed = await UpstreamCli.RunAsync(["calls", "list", "--output", "json", "--system", path], CliConsole.Captured(output, error, "/"));
        var proposed = await UpstreamCli.RunAsync(["cohort", "propose", Guid.NewGuid().ToString(), "--system", path], CliConsole.Captured(TextWriter.Null, error, "/"));

        Assert.True(listed == 0, error.ToString());
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(output.ToString()).RootElement.ValueKind);
        Assert.True(proposed == 3, error.ToString()); // reached Applications as staff (a staff-only call): that call does not exist
    }
}
