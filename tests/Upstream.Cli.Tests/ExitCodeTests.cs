using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Upstream.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class ExitCodeTests(CliSystem system)
{
    [Fact]
    public async Task A_call_the_service_refuses_is_bad_input_with_its_field_details_on_one_line()
    {
        var file = Path.Combine(Cli.Elsewhere, $"bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "title": "", "opensLondon": "2030-07-15T12:00", "closesLondon": "2030-07-01T09:00", "decisionsBy": "2030-09-01" }""");

        var result = await Cli.RunAsync(system.Applications, "calls", "draft", file);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("upstream: INVALID_ARGUMENT: title: A call needs a title.; closes_at: A call must close after it opens.; criteria: A call needs at least one scoring criterion.", line);
    }

    [Fact]
    public async Task A_file_that_is_not_a_call_or_a_command_that_does_not_exist_is_bad_input()
    {
        var file = Path.Combine(Cli.Elsewhere, $"bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "title: [unclosed");

        Assert.Equal(2, (await Cli.RunAsync(system.Applications, "calls", "draft", file)).ExitCode);
        Assert.Equal(2, (await Cli.RunAsync(system.Applications, "calls", "lisst")).ExitCode);
        Assert.Equal(2, (await Cli.RunAsync(system.Applications, "calls", "list", "--output", "xml")).ExitCode);
    }

    [Fact]
    public async Task A_call_that_does_not_exist_is_not_found()
    {
        var result = await Cli.RunAsync(system.Applications, "calls", "show", Guid.NewGuid().ToString());

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("upstream: NOT_FOUND: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_is_denied_what_only_staff_may_do()
    {
        var callId = await Calls.PublishedAsync(system.Applications);

        var result = await Cli.RunAsync(["cohort", "propose", callId, "--applications", system.Applications.GrpcAddress.ToString(), "--token", system.Applications.Token("member-1", "member", "ADU")]);

        Assert.Equal(4, result.ExitCode);
        Assert.StartsWith("upstream: PERMISSION_DENIED: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_nothing_listens_for_is_unavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // a port that was free a moment ago and that nothing listens on now

        var result = await Cli.RunAsync(["calls", "list", "--applications", $"http://127.0.0.1:{port}", "--token", "x"]);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("UNAVAILABLE", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_address_for_a_service_the_tool_says_how_to_give_one()
    {
        var result = await Cli.RunAsync(["calls", "list"]);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("--applications URL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findings_add_without_its_arguments_and_no_terminal_names_what_is_missing()
    {
        var result = await Cli.RunAsync(["findings", "add", "--theme", "Data", "--network", "http://127.0.0.1:1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Missing --visit, --kind, --dimension, --text (not asked: the console is not interactive).", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listings_in_json_parse_and_carry_what_the_service_holds()
    {
        var callId = await Calls.PublishedAsync(system.Applications);

        var result = await Cli.RunAsync(system.Applications, "calls", "list", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        var calls = JsonDocument.Parse(result.Out).RootElement;
        Assert.Contains(calls.EnumerateArray(), c => c.GetProperty("id").GetString() == callId && c.GetProperty("state").GetString() == "CALL_STATE_SCHEDULED");
    }

    [Fact]
    public async Task The_running_systems_file_gives_the_endpoints_and_the_staff_token()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Cli.Elsewhere, $"system-{Guid.NewGuid():N}")).FullName;
        Directory.CreateDirectory(Path.Combine(folder, ".upstream"));
        await File.WriteAllTextAsync(Path.Combine(folder, ".upstream", "system.json"), JsonSerializer.Serialize(new
        {
            services = new Dictionary<string, string> { ["applications"] = system.Applications.GrpcAddress.ToString() },
            gateway = "http://127.0.0.1:1",
            staffToken = system.Applications.Token("dev-staff", "staff"),
        }));
        var callId = await Calls.PublishedAsync(system.Applications);

        var result = await Cli.RunAsync(["calls", "show", callId], workingDirectory: Directory.CreateDirectory(Path.Combine(folder, "somewhere", "below")).FullName);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains(callId, result.Out, StringComparison.Ordinal);
    }
}
