using System.Text.RegularExpressions;
using Upstream.Deploy.Kubernetes;
using Upstream.Deploy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Upstream.Deploy.Tests;

/// <summary>
/// What kubectl's API server would check (no cluster is reachable here): each kind under its current API version, the
/// fields it requires, names in the forms Kubernetes allows, numbers as numbers and strings as strings, and every
/// reference (selectors, ConfigMaps, Secret keys, port names, scale targets, kustomization files) pointing at
/// something that exists.
/// </summary>
[Collection(ManifestsCollection.Name)]
public sealed partial class KubernetesShapeTests(GeneratedManifests manifests)
{
    private static readonly Dictionary<string, string> ApiVersions = new()
    {
        ["ConfigMap"] = "v1",
        ["Secret"] = "v1",
        ["Service"] = "v1",
        ["Deployment"] = "apps/v1",
        ["PodDisruptionBudget"] = "policy/v1",
        ["Ingress"] = "networking.k8s.io/v1",
        ["HorizontalPodAutoscaler"] = "autoscaling/v2",
        ["Kustomization"] = "kustomize.config.k8s.io/v1beta1",
    };

    [Fact]
    public void Every_document_is_a_known_kind_at_its_current_version_with_a_valid_unique_name()
    {
        Assert.NotEmpty(manifests.Documents);
        foreach (var (file, document) in manifests.Documents)
        {
            var kind = document.At("kind").Text();
            Assert.True(ApiVersions.ContainsKey(kind), $"{file}: unknown kind {kind}");
            Assert.Equal(ApiVersions[kind], document.At("apiVersion").Text());
            if (kind == "Kustomization")
            {
                continue;
            }

            Assert.Matches(DnsLabel(), document.At("metadata", "name").Text());
            Assert.All(document.At("metadata", "labels").Entries(), label => Assert.Matches(LabelValue(), label.Value.Text()));
        }

        var identities = manifests.Documents.Where(d => d.Document.Has("metadata")).Select(d => $"{d.Document.At("kind").Text()}/{d.Document.At("metadata", "name").Text()}").ToList();
        Assert.Equal(identities.Count, identities.Distinct().Count());
    }

    [Fact]
    public void Deployments_select_their_own_pods_and_their_containers_are_complete()
    {
        var configMaps = manifests.OfKind("ConfigMap").Select(c => c.At("metadata", "name").Text()).ToHashSet();
        var secretKeys = manifests.Find("Secret", WorkloadManifests.SecretName).At("stringData").Entries().Keys.ToHashSet();
        foreach (var deployment in manifests.OfKind("Deployment"))
        {
            var podLabels = deployment.At("spec", "template", "metadata", "labels").Entries().ToDictionary(l => l.Key, l => l.Value.Text());
            Assert.All(deployment.At("spec", "selector", "matchLabels").Entries(), l => Assert.Equal(podLabels[l.Key], l.Value.Text()));
            Assert.True(deployment.At("spec", "replicas").Number() >= 1);

            foreach (var container in deployment.At("spec", "template", "spec", "containers").Items())
            {
                Assert.Matches(DnsLabel(), container.At("name").Text());
                Assert.NotEmpty(container.At("image").Text());
                var ports = container.At("ports").Items().Select(p => (Name: p.At("name").Text(), Number: p.At("containerPort").Number())).ToList();
                Assert.All(ports, p => Assert.Matches(PortName(), p.Name));
                Assert.All(ports, p => Assert.InRange(p.Number, 1, 65535));
                Assert.All(container.At("envFrom").Items(), source => Assert.Contains(source.At("configMapRef", "name").Text(), configMaps));
                Assert.All(container.At("env").Items(), setting =>
                {
                    Assert.Matches(EnvironmentName(), setting.At("name").Text());
                    Assert.Contains(setting.At("valueFrom", "secretKeyRef", "key").Text(), secretKeys);
                });
                foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
                {
                    Assert.Contains(container.At(probe, "httpGet", "port").Text(), ports.Select(p => p.Name));
                    Assert.StartsWith("/", container.At(probe, "httpGet", "path").Text());
                    Assert.True(container.At(probe, "periodSeconds").Number() > 0);
                }

                Assert.All(new[] { "requests", "limits" }.SelectMany(b => container.At("resources", b).Entries().Values), quantity => Assert.Matches(Quantity(), quantity.Text()));
            }
        }
    }

    [Fact]
    public void Config_maps_and_the_secret_hold_strings_under_valid_keys()
    {
        foreach (var map in manifests.OfKind("ConfigMap").Select(c => c.At("data")).Append(manifests.Find("Secret", WorkloadManifests.SecretName).At("stringData")))
        {
            Assert.All(Assert.IsType<YamlMappingNode>(map).Children, entry =>
            {
                Assert.Matches(ConfigKey(), entry.Key.Text());
                Assert.True(entry.Value.IsString(), $"{entry.Key.Text()} would not be read as a string: {entry.Value}");
            });
        }
    }

    [Fact]
    public void Services_budgets_ingresses_and_autoscalers_point_at_what_exists()
    {
        var deployments = manifests.OfKind("Deployment").ToDictionary(d => d.At("metadata", "name").Text());
        var podLabels = deployments.ToDictionary(d => d.Key, d => d.Value.At("spec", "template", "metadata", "labels").Entries().ToDictionary(l => l.Key, l => l.Value.Text()));
        bool SelectsSomePods(YamlNode selector) => podLabels.Values.Any(labels => selector.Entries().All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value.Text()));

        foreach (var service in manifests.OfKind("Service"))
        {
            Assert.True(SelectsSomePods(service.At("spec", "selector")));
            var containerPorts = manifests.Container(service.At("metadata", "name").Text()).At("ports").Items().Select(p => p.At("name").Text()).ToList();
            Assert.All(service.At("spec", "ports").Items(), port =>
            {
                Assert.InRange(port.At("port").Number(), 1, 65535);
                Assert.Contains(port.At("targetPort").Text(), containerPorts);
                Assert.Equal("TCP", port.At("protocol").Text());
            });
        }

        Assert.All(manifests.OfKind("PodDisruptionBudget"), budget => Assert.True(SelectsSomePods(budget.At("spec", "selector", "matchLabels"))));

        var servicePorts = manifests.OfKind("Service").ToDictionary(s => s.At("metadata", "name").Text(), s => s.At("spec", "ports").Items().Select(p => p.At("name").Text()).ToList());
        foreach (var path in manifests.OfKind("Ingress").SelectMany(i => i.At("spec", "rules").Items()).SelectMany(r => r.At("http", "paths").Items()))
        {
            Assert.Contains(path.At("pathType").Text(), new[] { "Prefix", "Exact", "ImplementationSpecific" });
            Assert.Contains(path.At("backend", "service", "port", "name").Text(), servicePorts[path.At("backend", "service", "name").Text()]);
        }

        foreach (var autoscaler in manifests.OfKind("HorizontalPodAutoscaler"))
        {
            Assert.Equal("apps/v1", autoscaler.At("spec", "scaleTargetRef", "apiVersion").Text());
            Assert.Equal("Deployment", autoscaler.At("spec", "scaleTargetRef", "kind").Text());
            Assert.Contains(autoscaler.At("spec", "scaleTargetRef", "name").Text(), deployments.Keys);
            Assert.True(autoscaler.At("spec", "minReplicas").Number() <= autoscaler.At("spec", "maxReplicas").Number());
            Assert.All(autoscaler.At("spec", "metrics").Items(), m => Assert.Equal("Utilization", m.At("resource", "target", "type").Text()));
        }
    }

    [Fact]
    public void The_kustomization_applies_every_file_but_the_secret_template_and_the_optional_autoscalers()
    {
        var resources = Assert.Single(manifests.OfKind("Kustomization")).At("resources").Items().Select(r => r.Text()).ToList();
        var expected = manifests.Set.Files.Keys.Except([ManifestSet.SecretTemplateFile, ManifestSet.AutoscalingFile, ManifestSet.KustomizationFile]);
        Assert.Equal(expected.Order(), resources.Order());
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    // IANA service name: at most 15 characters, lower case letters, digits and inner hyphens, at least one letter.
    [GeneratedRegex("^(?=.*[a-z])[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$")]
    private static partial Regex PortName();

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKey();

    [GeneratedRegex("^[0-9]+(m|Ki|Mi|Gi)?$")]
    private static partial Regex Quantity();
}
