using Upstream.Deploy.Model;
using static Upstream.Deploy.Kubernetes.Yaml;

namespace Upstream.Deploy.Kubernetes;

/// <summary>
/// Per project of the model: its plain settings (ConfigMap), a Deployment, a Service with every endpoint's port and a
/// PodDisruptionBudget. Every project is stateless (state lives in PostgreSQL and RabbitMQ), so each runs at least
/// <see cref="MinimumReplicas"/> pods and a voluntary disruption takes at most one.
/// </summary>
public static class WorkloadManifests
{
    public const int MinimumReplicas = 2;
    public const string SecretName = "upstream-secrets";
    public const string TelemetryConfigMap = "upstream-telemetry";
    public const string ReadinessPath = "/health";
    public const string LivenessPath = "/alive";

    // Services shut down within 30 s (ServiceDefaults' HostOptions.ShutdownTimeout); Kubernetes waits a little longer.
    private const int TerminationGraceSeconds = 40;

    public static string ConfigMapName(Workload workload) => $"{workload.Name}-env";

    public static string Image(Workload workload) => $"upstream/{workload.Name}:latest";

    public static IEnumerable<Dictionary<string, object>> For(Workload workload) =>
        [ConfigMap(workload), Deployment(workload), Service(workload), DisruptionBudget(workload)];

    public static Dictionary<string, object> Metadata(string name) => Map(
        ("name", name),
        ("labels", Labels(name)));

    public static Dictionary<string, object> Labels(string name) => Map(
        ("app.kubernetes.io/name", name),
        ("app.kubernetes.io/part-of", "upstream"));

    private static Dictionary<string, object> Selector(Workload workload) => Map(("matchLabels", Map(("app.kubernetes.io/name", workload.Name))));

    private static Dictionary<string, object> ConfigMap(Workload workload) => Map(
        ("apiVersion", "v1"),
        ("kind", "ConfigMap"),
        ("metadata", Metadata(ConfigMapName(workload))),
        ("data", workload.Environment.Where(s => !s.IsSecret).ToDictionary(s => s.Name, s => (object)s.Value!)));

    private static Dictionary<string, object> Deployment(Workload workload) => Map(
        ("apiVersion", "apps/v1"),
        ("kind", "Deployment"),
        ("metadata", Metadata(workload.Name)),
        ("spec", Map(
            ("replicas", Math.Max(workload.Replicas, MinimumReplicas)),
            ("selector", Selector(workload)),
            ("template", Map(
                ("metadata", Map(("labels", Labels(workload.Name)))),
                ("spec", Map(
                    ("terminationGracePeriodSeconds", TerminationGraceSeconds),
                    ("containers", new List<object> { Container(workload) }))))))));

    private static Dictionary<string, object> Container(Workload workload) => Map(
        ("name", workload.Name),
        ("image", Image(workload)),
        ("ports", workload.Ports.Select(p => (object)Map(("name", p.Key), ("containerPort", p.Value), ("protocol", "TCP"))).ToList()),
        ("envFrom", new List<object>
        {
            Map(("configMapRef", Map(("name", TelemetryConfigMap)))),
            Map(("configMapRef", Map(("name", ConfigMapName(workload))))),
        }),
        ("env", workload.Environment.Where(s => s.IsSecret).Select(s => (object)Map(
            ("name", s.Name),
            ("valueFrom", Map(("secretKeyRef", Map(("name", SecretName), ("key", s.SecretKey!))))))).ToList()),
        // Migrations run at start (under an advisory lock), so a first start may take a while: the startup probe
        // holds the liveness probe off until the process answers.
        ("startupProbe", Probe(LivenessPath, periodSeconds: 5, failureThreshold: 60)),
        ("readinessProbe", Probe(ReadinessPath, periodSeconds: 10, failureThreshold: 3)),
        ("livenessProbe", Probe(LivenessPath, periodSeconds: 20, failureThreshold: 3)),
        ("resources", Map(
            ("requests", Map(("cpu", "100m"), ("memory", "256Mi"))),
            ("limits", Map(("cpu", "1"), ("memory", "512Mi"))))));

    // Probes use the http endpoint by name: /health and /alive are served there (HTTP/1.1), never on grpc.
    private static Dictionary<string, object> Probe(string path, int periodSeconds, int failureThreshold) => Map(
        ("httpGet", Map(("path", path), ("port", "http"))),
        ("periodSeconds", periodSeconds),
        ("timeoutSeconds", 5),
        ("failureThreshold", failureThreshold));

    private static Dictionary<string, object> Service(Workload workload) => Map(
        ("apiVersion", "v1"),
        ("kind", "Service"),
        ("metadata", Metadata(workload.Name)),
        ("spec", Map(
            ("selector", Map(("app.kubernetes.io/name", workload.Name))),
            // The grpc port speaks HTTP/2 without TLS (prior knowledge): h2c tells meshes and gateways so.
            ("ports", workload.Ports.Select(p => (object)Map(
                ("name", p.Key),
                ("port", p.Value),
                ("targetPort", p.Key),
                ("protocol", "TCP"),
                ("appProtocol", p.Key == "grpc" ? "kubernetes.io/h2c" : "http"))).ToList()))));

    private static Dictionary<string, object> DisruptionBudget(Workload workload) => Map(
        ("apiVersion", "policy/v1"),
        ("kind", "PodDisruptionBudget"),
        ("metadata", Metadata(workload.Name)),
        ("spec", Map(
            ("maxUnavailable", 1),
            ("selector", Selector(workload)))));
}
