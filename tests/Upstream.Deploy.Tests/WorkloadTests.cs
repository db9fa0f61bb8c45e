using Upstream.Deploy.Tests.Infrastructure;

namespace Upstream.Deploy.Tests;

/// <summary>Every project of the app model runs as a Deployment with a Service, probes, budgets and limits as the README states.</summary>
[Collection(ManifestsCollection.Name)]
public sealed class WorkloadTests(GeneratedManifests manifests)
{
    [Fact]
    public void Every_project_of_the_model_is_deployed_with_its_http_and_grpc_ports()
    {
        Assert.Contains(manifests.Projects, p => p.Name == "applications");
        Assert.Equal(manifests.Projects.Select(p => p.Name).Order(), manifests.OfKind("Deployment").Select(d => d.At("metadata", "name").Text()).Order());
        foreach (var project in manifests.Projects)
        {
            var containerPorts = manifests.Container(project.Name).At("ports").Items().ToDictionary(p => p.At("name").Text(), p => p.At("containerPort").Number());
            Assert.Equal(new Dictionary<string, int> { ["http"] = project.HttpPort, ["grpc"] = project.GrpcPort }, containerPorts);

            var servicePorts = manifests.Find("Service", project.Name).At("spec", "ports").Items()
                .ToDictionary(p => p.At("name").Text(), p => (Port: p.At("port").Number(), Target: p.At("targetPort").Text()));
            Assert.Equal((project.HttpPort, "http"), servicePorts["http"]);
            Assert.Equal((project.GrpcPort, "grpc"), servicePorts["grpc"]);
            Assert.Equal(2, servicePorts.Count);
        }
    }

    [Fact]
    public void Readiness_asks_health_and_liveness_asks_alive_on_the_http_port()
    {
        foreach (var project in manifests.Projects)
        {
            var container = manifests.Container(project.Name);
            Assert.Equal("/health", container.At("readinessProbe", "httpGet", "path").Text());
            Assert.Equal("/alive", container.At("livenessProbe", "httpGet", "path").Text());
            Assert.Equal("/alive", container.At("startupProbe", "httpGet", "path").Text());
            foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
            {
                Assert.Equal("http", container.At(probe, "httpGet", "port").Text());
            }
        }
    }

    [Fact]
    public void Every_project_runs_the_models_replicas_and_at_least_two_and_loses_at_most_one_to_a_disruption()
    {
        Assert.Contains(manifests.Projects, p => p.Replicas == 2);
        foreach (var project in manifests.Projects)
        {
            var deployment = manifests.Find("Deployment", project.Name);
            Assert.Equal(Math.Max(project.Replicas, 2), deployment.At("spec", "replicas").Number());

            var budget = manifests.Find("PodDisruptionBudget", project.Name);
            Assert.Equal(1, budget.At("spec", "maxUnavailable").Number());
            Assert.False(budget.At("spec").Has("minAvailable"));
            var podLabels = deployment.At("spec", "template", "metadata", "labels").Entries().ToDictionary(l => l.Key, l => l.Value.Text());
            Assert.All(budget.At("spec", "selector", "matchLabels").Entries(), l => Assert.Equal(podLabels[l.Key], l.Value.Text()));
        }
    }

    [Fact]
    public void Every_container_requests_and_is_limited_in_cpu_and_memory()
    {
        foreach (var project in manifests.Projects)
        {
            var resources = manifests.Container(project.Name).At("resources");
            foreach (var bound in new[] { "requests", "limits" })
            {
                Assert.NotEmpty(resources.At(bound, "cpu").Text());
                Assert.NotEmpty(resources.At(bound, "memory").Text());
            }
        }
    }

    [Fact]
    public void The_public_project_alone_is_behind_the_ingress_on_its_http_port()
    {
        var ingresses = manifests.OfKind("Ingress").ToList();
        Assert.Equal(manifests.Projects.Where(p => p.IsPublic).Select(p => p.Name), ingresses.Select(i => i.At("metadata", "name").Text()));
        var gateway = Assert.Single(ingresses, i => i.At("metadata", "name").Text() == "gateway");
        var path = Assert.Single(Assert.Single(gateway.At("spec", "rules").Items()).At("http", "paths").Items());
        Assert.Equal("/", path.At("path").Text());
        Assert.Equal("gateway", path.At("backend", "service", "name").Text());
        Assert.Equal("http", path.At("backend", "service", "port", "name").Text());
    }

    [Fact]
    public void Every_project_may_scale_on_cpu_from_its_replicas()
    {
        foreach (var project in manifests.Projects)
        {
            var autoscaler = manifests.Find("HorizontalPodAutoscaler", project.Name);
            Assert.Equal(project.Name, autoscaler.At("spec", "scaleTargetRef", "name").Text());
            var minimum = autoscaler.At("spec", "minReplicas").Number();
            Assert.Equal(manifests.Find("Deployment", project.Name).At("spec", "replicas").Number(), minimum);
            Assert.True(autoscaler.At("spec", "maxReplicas").Number() > minimum);
            var metric = Assert.Single(autoscaler.At("spec", "metrics").Items());
            Assert.Equal("cpu", metric.At("resource", "name").Text());
            Assert.Equal(70, metric.At("resource", "target", "averageUtilization").Number());
        }
    }
}
