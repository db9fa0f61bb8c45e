using System.Net;
using System.Text.Json;
using Upstream.Gateway.Tests.Hosting;

namespace Upstream.Gateway.Tests;

/// <summary>
/// Calls spread round-robin over a service's replicas; YARP's active health checks (each replica's /health) take
/// an unhealthy or stopped replica out of rotation and bring a recovered one back; the gateway's /health shows it.
/// </summary>
public sealed class ReplicaTests : IAsyncLifetime
{
    private static readonly TimeSpan Probe = TimeSpan.FromMilliseconds(200);
    private readonly List<FakeReplica> _replicas = [];
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            _replicas.Add(await FakeReplica.StartAsync(name));
        }

        _replicas[2].Healthy = false;
        _gateway = await GatewayHost.StartAsync(
        [
            .. _replicas.SelectMany((r, i) => r.Host.Discovery("interop", i)),
            .. GrpcRoute.To("grpc.testing.TestService", "interop", Probe),
            // Nothing listens here: the applications clusters are cut off.
            new("services:applications:http:0", "http://127.0.0.1:9"),
            new("services:applications:grpc:0", "http://127.0.0.1:9"),
            new("ReverseProxy:Clusters:applications-rest:HealthCheck:Active:Interval", Probe.ToString()),
            new("ReverseProxy:Clusters:applications-grpc:HealthCheck:Active:Interval", Probe.ToString()),
        ]);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
    }

    private async Task<string> HealthAsync()
    {
        using var response = await _gateway.Rest.GetAsync("/health");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("clusters").GetProperty("description").GetString()!;
    }

    private async Task<string?> CallAsync()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_gateway.GrpcAddress}/grpc.testing.TestService/UnaryCall")
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

    private async Task<List<string?>> SixCallsAsync()
    {
        var replicas = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            replicas.Add(await CallAsync());
        }

        return replicas;
    }

    private async Task WaitForAsync(string health)
    {
        for (var i = 0; i < 50 && !(await HealthAsync()).Contains(health, StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Calls_go_round_robin_over_healthy_replicas_only_and_a_stopped_one_gets_none()
    {
        await WaitForAsync("interop: 2/3");
        var first = await SixCallsAsync();

        _replicas[2].Healthy = true;
        await WaitForAsync("interop: 3/3");
        var recovered = await SixCallsAsync();

        await _replicas[1].DisposeAsync();
        await WaitForAsync("interop: 2/3");
        var afterStop = await SixCallsAsync();

        Assert.Equal([3, 3], first.GroupBy(n => n).Select(g => g.Count()));
        Assert.Equal(["a", "b"], first.Distinct().Order());
        Assert.Equal(["a", "b", "c"], recovered.Distinct().Order());
        Assert.Equal(["a", "c"], afterStop.Distinct().Order());
    }

    [Fact]
    public async Task A_service_with_no_healthy_replica_is_a_503_problem_for_calls_and_the_api_document_and_health_names_it()
    {
        await WaitForAsync("unreachable: applications-grpc, applications-rest");

        using var health = await _gateway.Rest.GetAsync("/health");
        using var call = await _gateway.Rest.GetAsync("/v1/calls");
        using var document = await _gateway.Rest.GetAsync("/openapi/v1.json");
        var problem = JsonDocument.Parse(await call.Content.ReadAsStringAsync()).RootElement;

        Assert.True(health.StatusCode == HttpStatusCode.ServiceUnavailable, await HealthAsync());
        Assert.StartsWith("unreachable: applications-grpc, applications-rest", await HealthAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, call.StatusCode);
        Assert.Equal(("application/problem+json", "The service is unavailable; try again shortly."), (call.Content.Headers.ContentType?.MediaType, problem.GetProperty("detail").GetString()));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/problem+json"), (document.StatusCode, document.Content.Headers.ContentType?.MediaType));
    }
}
