using System.Net;
using System.Text.Json;
using Upstream.Gateway.Tests.Hosting;

namespace Upstream.Gateway.Tests;

/// <summary>Calls spread over a service's replicas, skipping those whose /health fails; the gateway's own health shows it.</summary>
public sealed class ReplicaTests : IAsyncLifetime
{
    private readonly List<FakeReplica> _replicas = [];
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            _replicas.Add(await FakeReplica.StartAsync(name));
        }

        _replicas[2].Healthy = false;
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["services:interop:http:0"] = _replicas[0].Address,
            ["services:interop:http:1"] = _replicas[1].Address,
            ["services:interop:http:2"] = _replicas[2].Address,
            ["Gateway:Backends:grpc.testing.TestService"] = "interop",
            ["services:applications:http:0"] = "http://127.0.0.1:9", // nothing listens there
            ["Gateway:ProbeInterval"] = "00:00:00.200",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
    }

    private async Task<JsonElement> HealthAsync()
    {
        using var response = await _gateway.Rest.GetAsync("/health");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("backends");
    }

    private async Task<string?> CallAsync()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{_gateway.GrpcTarget}/grpc.testing.TestService/UnaryCall")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await client.SendAsync(request);
        return response.Headers.TryGetValues("x-replica", out var names) ? names.Single() : null;
    }

    private async Task WaitForAsync(Func<JsonElement, bool> condition)
    {
        for (var i = 0; i < 50 && !condition(await HealthAsync()); i++)
        {
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Calls_go_round_robin_over_healthy_replicas_only_and_return_when_one_recovers()
    {
        await WaitForAsync(h => h.GetProperty("description").GetString()!.Contains("interop: 2/3", StringComparison.Ordinal));

        var first = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            first.Add(await CallAsync());
        }

        _replicas[2].Healthy = true;
        await WaitForAsync(h => h.GetProperty("description").GetString()!.Contains("interop: 3/3", StringComparison.Ordinal));
        var later = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            later.Add(await CallAsync());
        }

        Assert.Equal([3, 3], first.GroupBy(n => n).Select(g => g.Count()));
        Assert.Equal(["a", "b"], first.Distinct().Order());
        Assert.Equal(["a", "b", "c"], later.Distinct().Order());
    }

    [Fact]
    public async Task Gateway_health_names_a_fronted_service_that_cannot_be_reached()
    {
        await WaitForAsync(h => h.GetProperty("status").GetString() == "Unhealthy");

        using var response = await _gateway.Rest.GetAsync("/health");
        var backends = await HealthAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("unreachable: applications", backends.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
