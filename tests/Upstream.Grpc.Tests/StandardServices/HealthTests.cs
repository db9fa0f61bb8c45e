using System.Net;

namespace Upstream.Grpc.Tests.StandardServices;

/// <summary>grpc.health.v1.Health (Grpc.AspNetCore.HealthChecks, as services wire it), asked by the official grpcio client.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Check_reports_the_server_and_each_mapped_service_serving_while_health_checks_pass()
    {
        await using var host = await StandardServicesHost.StartAsync();

        Assert.Equal("SERVING", (await Check(host, "")).GetProperty("status").GetString());
        Assert.Equal("SERVING", (await Check(host, "grpc.testing.TestService")).GetProperty("status").GetString());
        Assert.Equal("SERVING", (await Check(host, "upstream.applications.v1.CallService")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Check_of_a_service_the_server_does_not_have_is_not_found()
    {
        await using var host = await StandardServicesHost.StartAsync();

        var answer = await Check(host, "no.such.Service");

        Assert.Equal("NOT_FOUND", answer.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Check_says_not_serving_exactly_when_the_http_health_endpoint_says_unhealthy()
    {
        await using var host = await StandardServicesHost.StartAsync();
        host.Check.Healthy = false;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HttpHealthAsync(host));
        Assert.Equal("NOT_SERVING", (await Check(host, "")).GetProperty("status").GetString());
        Assert.Equal("NOT_SERVING", (await Check(host, "grpc.testing.TestService")).GetProperty("status").GetString());

        host.Check.Healthy = true;

        Assert.Equal(HttpStatusCode.OK, await HttpHealthAsync(host));
        Assert.Equal("SERVING", (await Check(host, "")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Watch_pushes_each_change_of_the_health_checks_without_being_asked_again()
    {
        await using var host = await StandardServicesHost.StartAsync();
        await using var watcher = OfficialPythonClient.Start("watch", host.Port, "", "3");

        Assert.Equal("SERVING", (await watcher.NextAsync()).GetProperty("status").GetString());

        // Nobody calls Check: the change reaches the watcher through the periodic health report.
        host.Check.Healthy = false;
        Assert.Equal("NOT_SERVING", (await watcher.NextAsync()).GetProperty("status").GetString());

        host.Check.Healthy = true;
        Assert.Equal("SERVING", (await watcher.NextAsync()).GetProperty("status").GetString());
        Assert.Equal("client hung up", (await watcher.NextAsync()).GetProperty("end").GetString());
    }

    [Fact]
    public async Task Watch_of_an_unknown_service_says_service_unknown_and_keeps_watching()
    {
        await using var host = await StandardServicesHost.StartAsync();
        await using var watcher = OfficialPythonClient.Start("watch", host.Port, "no.such.Service", "1");

        Assert.Equal("SERVICE_UNKNOWN", (await watcher.NextAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Stopping_the_server_tells_watchers_not_serving_and_ends_their_watch_cleanly()
    {
        await using var host = await StandardServicesHost.StartAsync();
        await using var watcher = OfficialPythonClient.Start("watch", host.Port, "grpc.testing.TestService", "5");
        Assert.Equal("SERVING", (await watcher.NextAsync()).GetProperty("status").GetString());

        var stopping = host.StopAsync();

        Assert.Equal("NOT_SERVING", (await watcher.NextAsync()).GetProperty("status").GetString());
        Assert.Equal("OK", (await watcher.NextAsync()).GetProperty("end").GetString());
        // The open watch did not hold the shutdown up (the host would wait up to its 30 s timeout for it).
        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    private static Task<System.Text.Json.JsonElement> Check(StandardServicesHost host, string service) =>
        OfficialPythonClient.RunAsync("check", host.Port, service);

    private static async Task<HttpStatusCode> HttpHealthAsync(StandardServicesHost host)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.Address, "/health"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
