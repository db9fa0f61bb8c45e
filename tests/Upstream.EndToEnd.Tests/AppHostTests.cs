using System.Net;
using System.Text.Json;
using Google.Api;
using Google.Protobuf.Reflection;
using Upstream.Applications.V1;
using Upstream.Events.V1;
using Upstream.Grants.V1;
using Upstream.Insights.V1;
using Upstream.Network.V1;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Upstream.Hosting.Processes;
using Xunit.Abstractions;

namespace Upstream.EndToEnd.Tests;

/// <summary>The system as `bash apphost/run.sh` runs it, walked from healthy to stopped.</summary>
[Collection(AppHostCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed partial class AppHostTests(AppHostFixture host, ITestOutputHelper output)
{
    [Fact, Step(1)]
    public async Task Every_resource_is_running_and_healthy()
    {
        Assert.Equal(["applications", "applicationsdb", "events", "eventsdb", "gateway", "grants", "grantsdb", "insights", "insightsdb", "messaging", "network", "networkdb", "postgres"], host.Resources.Select(r => r.Name).Order());
        var instances = await host.InstancesAsync();
        foreach (var instance in instances)
        {
            Assert.Equal((instance.DisplayName, KnownResourceStates.Running), (instance.DisplayName, instance.Snapshot.State?.Text));
            Assert.Equal((instance.DisplayName, HealthStatus.Healthy), (instance.DisplayName, instance.Snapshot.HealthStatus));
        }

        Assert.All(["applications", "network", "events", "grants", "insights"], service => Assert.Equal((service, 2), (service, instances.Count(i => i.ResourceName == service)))); // replicas
    }

    [Fact, Step(2)]
    public async Task The_public_calls_list_answers_through_the_gateway()
    {
        using var gateway = host.App.CreateHttpClient("gateway", "http");
        using var response = await gateway.GetAsync(new Uri("/v1/calls", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("{", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact, Step(2)]
    public async Task The_gateway_describes_every_services_REST_routes_in_one_OpenAPI_document()
    {
        using var gateway = host.App.CreateHttpClient("gateway", "http");
        using var document = JsonDocument.Parse(await gateway.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var described = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => operation.Value.GetProperty("operationId").GetString()!))
            .Order()
            .ToList();

        // Every method of every contract with a google.api.http rule, read from the descriptors protoc generated.
        FileDescriptor[] contracts = [ApplicationsReflection.Descriptor, MembersReflection.Descriptor, WorkgroupsReflection.Descriptor, VisitsReflection.Descriptor, EventsReflection.Descriptor, GrantsReflection.Descriptor, InsightsReflection.Descriptor];
        var routed = contracts.SelectMany(f => f.Services).SelectMany(s => s.Methods)
            .Where(m => m.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not null)
            .Select(m => m.Name)
            .Order()
            .ToList();

        // Beside them, Insights' plain HTTP endpoints: the public feeds and their WebSub hub, and partners' grants feed.
        string[] plain = ["GetGrantsFeed", "GetInsightsAtomFeed", "GetInsightsJsonFeed", "RequestWebSubSubscription"];
        Assert.Equal(routed.Concat(plain).Order(), described);
        var operations = document.RootElement.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()).ToDictionary(o => o.Value.GetProperty("operationId").GetString()!, o => o.Value);
        Assert.Contains(operations["GetInsightsAtomFeed"].GetProperty("security").EnumerateArray(), s => !s.EnumerateObject().Any());
        Assert.False(operations["GetGrantsFeed"].TryGetProperty("security", out _));
        Assert.DoesNotContain(operations.Values, o => o.TryGetProperty("x-upstream-anonymous", out _));
    }

    [Fact, Step(7)]
    public async Task Stopping_the_app_host_stops_every_process_it_started_and_shuts_postgres_down_cleanly()
    {
        var started = ProcessTree.TreesOf($"--monitor {Environment.ProcessId}")
            .Concat(ProcessTree.Mentioning(host.DataDirectory))
            .DistinctBy(p => p.Pid)
            .ToList();
        Assert.Contains(started, p => p.CommandLine.Contains("/dcp ", StringComparison.Ordinal));
        Assert.Contains(started, p => p.CommandLine.Contains("postgres -D", StringComparison.Ordinal));
        Assert.Contains(started, p => p.CommandLine.Contains("beam.smp", StringComparison.Ordinal));
        Assert.Contains(started, p => p.CommandLine.Contains("epmd", StringComparison.Ordinal));
        Assert.Contains(started, p => p.CommandLine.Contains("Upstream.Gateway", StringComparison.Ordinal));

        var alive = await host.StopAsync(started, TimeSpan.FromSeconds(30));

        Assert.True(alive.Count == 0, "Still running: " + string.Join("; ", alive.Select(p => $"{p.Pid} {p.CommandLine}")));
        Assert.Contains("Database cluster state:               shut down", await PostgresControl.DataAsync(Path.Combine(host.DataDirectory, "postgres", "data")));
        Assert.False(File.Exists(Path.Combine(host.DataDirectory, "system.json")), "The staff tools' system file outlived the system.");
    }
}
