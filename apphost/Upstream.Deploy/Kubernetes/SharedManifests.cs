using Upstream.Deploy.Model;
using static Upstream.Deploy.Kubernetes.Yaml;

namespace Upstream.Deploy.Kubernetes;

/// <summary>What the workloads share: the Secret template, the telemetry settings, the Ingress and the autoscalers.</summary>
public static class SharedManifests
{
    public const int CpuTargetPercent = 70;
    public const int MaximumReplicasFactor = 3;

    /// <summary>Every key empty: the operator fills a copy, and no secret value is ever written here.</summary>
    public static Dictionary<string, object> SecretTemplate(DeploymentModel model) => Map(
        ("apiVersion", "v1"),
        ("kind", "Secret"),
        ("metadata", WorkloadManifests.Metadata(WorkloadManifests.SecretName)),
        ("type", "Opaque"),
        ("stringData", model.SecretKeys.ToDictionary(k => k, _ => (object)"")));

    /// <summary>
    /// Where telemetry goes (OTLP). Empty turns the exporter off (ServiceDefaults exports only when it is set); each
    /// workload's own ConfigMap names the service (OTEL_SERVICE_NAME).
    /// </summary>
    public static Dictionary<string, object> Telemetry() => Map(
        ("apiVersion", "v1"),
        ("kind", "ConfigMap"),
        ("metadata", WorkloadManifests.Metadata(WorkloadManifests.TelemetryConfigMap)),
        ("data", Map(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", ""),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"))));

    /// <summary>The public workloads' http endpoint at the site's root; the cluster's ingress controller terminates TLS.</summary>
    public static IEnumerable<Dictionary<string, object>> Ingresses(DeploymentModel model) => model.Workloads.Where(w => w.IsPublic).Select(w => Map(
        ("apiVersion", "networking.k8s.io/v1"),
        ("kind", "Ingress"),
        ("metadata", WorkloadManifests.Metadata(w.Name)),
        ("spec", Map(("rules", new List<object>
        {
            Map(("http", Map(("paths", new List<object>
            {
                Map(
                    ("path", "/"),
                    ("pathType", "Prefix"),
                    ("backend", Map(("service", Map(("name", w.Name), ("port", Map(("name", "http"))))))))
            })))),
        })))));

    /// <summary>Optional: every workload scales on CPU from its replicas up to <see cref="MaximumReplicasFactor"/> times that.</summary>
    public static IEnumerable<Dictionary<string, object>> Autoscalers(DeploymentModel model) => model.Workloads.Select(w =>
    {
        var replicas = Math.Max(w.Replicas, WorkloadManifests.MinimumReplicas);
        return Map(
            ("apiVersion", "autoscaling/v2"),
            ("kind", "HorizontalPodAutoscaler"),
            ("metadata", WorkloadManifests.Metadata(w.Name)),
            ("spec", Map(
                ("scaleTargetRef", Map(("apiVersion", "apps/v1"), ("kind", "Deployment"), ("name", w.Name))),
                ("minReplicas", replicas),
                ("maxReplicas", replicas * MaximumReplicasFactor),
                ("metrics", new List<object>
                {
                    Map(("type", "Resource"), ("resource", Map(
                        ("name", "cpu"),
                        ("target", Map(("type", "Utilization"), ("averageUtilization", CpuTargetPercent)))))),
                }))));
    });
}
