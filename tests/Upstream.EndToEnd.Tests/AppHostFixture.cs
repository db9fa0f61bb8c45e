using System.Diagnostics;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Upstream.AppHost;
using Upstream.Hosting.Processes;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.EndToEnd.Tests;

/// <summary>
/// The real app host, started once for every end-to-end test (DCP, the Aspire dashboard, PostgreSQL, RabbitMQ and
/// every project), with its data in a folder of its own. The last test stops it and checks what is left.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private DistributedApplication? _app;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"upstream-e2e-{Guid.NewGuid():N}");

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app host is not running.");

    /// <summary>The servers, databases and projects the app host declares (not parameters or Aspire's own helpers).</summary>
    public IReadOnlyList<IResource> Resources =>
        [.. App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Where(ReadyAnnouncement.IsPartOfTheSystem)];

    public bool Stopped { get; private set; }

    /// <summary>The trace of the cohort confirmation made through the gateway, for the dashboard step to open.</summary>
    public ActivityTraceId? CohortTrace { get; set; }

    /// <summary>The trace of the grant award made through the gateway, likewise.</summary>
    public ActivityTraceId? GrantTrace { get; set; }

    /// <summary>The programme journey's publication whose trace reaches the partner's webhook, likewise.</summary>
    public ActivityTraceId? PublicationTrace { get; set; }

    /// <summary>The programme journey's first discovery visit, whose findings reach the partner's webhook, likewise.</summary>
    public ActivityTraceId? FindingTrace { get; set; }

    /// <summary>A bearer token the services accept, signed with the key the app host generated and keeps.</summary>
    public async Task<string> TokenAsync(string subject, string role, string? council = null) => (await IssuerAsync()).Issue(subject, [role], council);

    /// <summary>Tokens of any role, signed with that key.</summary>
    public async Task<TokenIssuer> IssuerAsync()
    {
        var key = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>().Single(p => p.Name == "signing-key");
        return DevelopmentIdentity.TokensSignedWith(await key.GetValueAsync(CancellationToken.None) ?? "");
    }

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Upstream_AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = true },
            [$"--Upstream:DataDirectory={DataDirectory}", "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true"],
            timeout.Token);
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        var notifications = _app.Services.GetRequiredService<ResourceNotificationService>();
        await Task.WhenAll(Resources.Select(r => notifications.WaitForResourceHealthyAsync(r.Name, timeout.Token)));
    }

    /// <summary>
    /// The current state of every instance of the system's resources, under the name the dashboard shows: a
    /// project's replicas each have one, named by their instance id.
    /// </summary>
    public async Task<IReadOnlyList<Instance>> InstancesAsync()
    {
        var names = Resources.Select(r => r.Name).ToHashSet();
        var instances = new Dictionary<string, ResourceEvent>();
        using var replayed = new CancellationTokenSource(TimeSpan.FromSeconds(2)); // the current states come first
        try
        {
            await foreach (var update in App.Services.GetRequiredService<ResourceNotificationService>().WatchAsync(replayed.Token))
            {
                if (names.Contains(update.Resource.Name))
                {
                    instances[update.ResourceId] = update;
                }
            }
        }
        catch (OperationCanceledException) when (replayed.IsCancellationRequested)
        {
            // All current states have been seen.
        }

        var replicated = instances.Values.CountBy(e => e.Resource.Name).Where(c => c.Value > 1).Select(c => c.Key).ToHashSet();
        return [.. instances.Values.Select(e => new Instance(replicated.Contains(e.Resource.Name) ? e.ResourceId : e.Resource.Name, e.Resource.Name, e.Snapshot))];
    }

    /// <summary>Stops the app host as Ctrl+C would, and returns every process of it that is still alive.</summary>
    public async Task<IReadOnlyList<ProcessTree.Entry>> StopAsync(IReadOnlyList<ProcessTree.Entry> started, TimeSpan settle)
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Stopped = true;
        var deadline = DateTime.UtcNow + settle;
        var alive = started.Where(p => ProcessTree.IsAlive(p.Pid)).ToList();
        while (alive.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            alive = [.. alive.Where(p => ProcessTree.IsAlive(p.Pid))];
        }

        return alive;
    }

    public async Task DisposeAsync()
    {
        if (!Stopped && _app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A server still writing its last file: a temporary folder left behind is harmless.
        }
    }
}

/// <param name="DisplayName">The resource's name, or for a replica its instance id.</param>
public sealed record Instance(string DisplayName, string ResourceName, CustomResourceSnapshot Snapshot);

[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "app host";
}
