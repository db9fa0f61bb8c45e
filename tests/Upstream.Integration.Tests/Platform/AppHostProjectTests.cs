using System.Collections.Concurrent;
using System.Net.Http.Json;
using Upstream.Hosting;
using Upstream.Hosting.Model;
using Upstream.Noticeboard;

namespace Upstream.Integration.Tests.Platform;

/// <summary>The resource model with real projects: ordering, Aspire's environment, replicas, health and crashes.</summary>
public sealed class AppHostProjectTests : IAsyncLifetime
{
    private const string Noticeboard = "tests/Upstream.Noticeboard/Upstream.Noticeboard.csproj";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"upstream-projects-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<ResourceSnapshot> _events = new();
    private DistributedApplication? _app;

    public Task InitializeAsync() => Task.CompletedTask;

    private DistributedApplicationBuilder NewBuilder() =>
        DistributedApplicationBuilder.CreateBuilder([$"--Upstream:DataDirectory={_data}", $"--Upstream:BuildConfiguration={BuildConfiguration}"]);

    private static string BuildConfiguration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private async Task<DistributedApplication> StartAsync(DistributedApplicationBuilder builder)
    {
        _app = builder.Build();
        _app.ResourceChanged += _events.Enqueue;
        await _app.StartAsync();
        return _app;
    }

    [Fact]
    public async Task Projects_wait_for_their_dependencies_and_get_Aspire_environment_on_every_replica()
    {
        var builder = NewBuilder();
        var notices = builder.AddPostgres("postgres").AddDatabase("notices");
        var messaging = builder.AddRabbitMQ("messaging");
        var peer = builder.AddProject("peer", Noticeboard)
            .WithReference(notices).WithReference(messaging).WaitFor(notices).WaitFor(messaging)
            .WithReplicas(2).WithEnvironment("NOTICEBOARD_GREETING", "hello").WithHttpHealthCheck();
        var front = builder.AddProject("front", Noticeboard).WithReference(notices).WithReference(peer).WaitFor(peer).WithHttpHealthCheck();
        var app = await StartAsync(builder);

        await app.AllHealthy.WaitAsync(TimeSpan.FromMinutes(3));

        // front started only after both peer replicas answered /health.
        var order = _events.ToList();
        var peerHealthy = order.FindIndex(e => e is { Name: "peer", State: ResourceState.Running, Health: HealthStatus.Healthy });
        Assert.True(order.FindIndex(e => e is { Name: "front", State: ResourceState.Waiting }) < peerHealthy);
        Assert.True(order.FindIndex(e => e is { Name: "front", State: ResourceState.Starting }) > peerHealthy);

        var replicas = peer.Resource.Endpoints;
        Assert.Equal(2, replicas.Count);
        for (var i = 0; i < replicas.Count; i++)
        {
            var report = (await Http.GetFromJsonAsync<EnvironmentReport>(new Uri(replicas[i], "/environment")))!;
            Assert.Equal("peer", report.ServiceName);
            Assert.Equal($"service.instance.id=peer-{i}", report.ResourceAttributes);
            Assert.Equal(replicas[i].ToString().TrimEnd('/'), report.Urls);
            Assert.Equal(["messaging", "notices"], report.ConnectionStrings);
            Assert.Equal("hello", report.Greeting);
        }

        var frontReport = (await Http.GetFromJsonAsync<EnvironmentReport>(new Uri(front.Resource.Endpoints[0], "/environment")))!;
        Assert.Equal(replicas.Select(u => u.ToString()), frontReport.PeerEndpoints);
        Assert.Null(frontReport.Greeting);

        // Three processes migrated one database at once; each sees the single welcome notice.
        Assert.Equal(["Welcome"], (await Http.GetFromJsonAsync<string[]>(new Uri(front.Resource.Endpoints[0], "/notices")))!);
    }

    [Fact]
    public async Task A_crashed_project_is_shown_exited_with_its_code_and_last_lines_and_not_restarted()
    {
        var builder = NewBuilder();
        var notices = builder.AddPostgres("postgres").AddDatabase("notices");
        var board = builder.AddProject("board", Noticeboard).WithReference(notices).WaitFor(notices).WithHttpHealthCheck();
        var app = await StartAsync(builder);
        await app.AllHealthy.WaitAsync(TimeSpan.FromMinutes(3));

        try
        {
            await Http.PostAsync(new Uri(board.Resource.Endpoints[0], "/crash"), null);
        }
        catch (HttpRequestException)
        {
            // The process may die before it answers.
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (board.Resource.Snapshot.State != ResourceState.Exited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var snapshot = board.Resource.Snapshot;
        Assert.Equal((ResourceState.Exited, 3), (snapshot.State, snapshot.ExitCode));
        Assert.Contains(DistributedApplication.RecentOutputOf(board.Resource), line => line.Contains("Crashing on request", StringComparison.Ordinal));
        await Task.Delay(3000);
        Assert.Equal(ResourceState.Exited, board.Resource.Snapshot.State);
    }

    [Fact]
    public async Task A_resource_waiting_for_one_that_fails_to_start_fails_to_start_naming_it()
    {
        var builder = NewBuilder();
        var missing = builder.AddProject("missing", "tests/NoSuchProject/NoSuchProject.csproj");
        var dependent = builder.AddProject("dependent", Noticeboard).WaitFor(missing);
        var app = await StartAsync(builder);

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.AllHealthy.WaitAsync(TimeSpan.FromMinutes(1)));

        Assert.Equal(ResourceState.FailedToStart, missing.Resource.Snapshot.State);
        Assert.Equal(ResourceState.FailedToStart, dependent.Resource.Snapshot.State);
        Assert.Equal("missing did not become healthy (FailedToStart)", dependent.Resource.Snapshot.Reason);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
