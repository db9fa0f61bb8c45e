using Upstream.Deploy.Model;

namespace Upstream.Deploy.Kubernetes;

/// <summary>
/// The files of deploy/kubernetes: one per workload, the Ingress, the telemetry settings, a kustomization that applies
/// them together, the Secret template (filled and applied separately) and the optional autoscalers.
/// </summary>
public sealed record ManifestSet(IReadOnlyDictionary<string, string> Files)
{
    public const string SecretTemplateFile = "secret.template.yaml";
    public const string AutoscalingFile = "autoscaling.yaml";
    public const string KustomizationFile = "kustomization.yaml";

    private const string Header = """
        # Generated from the app host's model by apphost/Upstream.Deploy: do not edit, regenerate with
        #   dotnet run --project apphost/Upstream.Deploy
        # (see README.md, "Deploying").

        """;

    public static ManifestSet From(DeploymentModel model)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var workload in model.Workloads)
        {
            files[$"{workload.Name}.yaml"] = Header + Yaml.Documents(WorkloadManifests.For(workload));
        }

        files["ingress.yaml"] = Header + Yaml.Documents(SharedManifests.Ingresses(model));
        files["telemetry.yaml"] = Header + Yaml.Documents([SharedManifests.Telemetry()]);
        files[AutoscalingFile] = Header + "# Optional: apply when the cluster runs the metrics server.\n" + Yaml.Documents(SharedManifests.Autoscalers(model));
        files[SecretTemplateFile] = Header + """
            # A template: copy it outside the repository, fill every key (connection strings as the services read them,
            # e.g. Host=...;Port=5432;Database=applicationsdb;Username=...;Password=...;SSL Mode=Require for a database,
            # amqp://user:password@host:5672/vhost for messaging, a base64 key of at least 32 bytes for signing-key),
            # then `kubectl apply -f` the copy before the kustomization.

            """ + Yaml.Documents([SharedManifests.SecretTemplate(model)]);

        var applied = files.Keys.Where(f => f is not SecretTemplateFile and not AutoscalingFile).ToList();
        files[KustomizationFile] = Header + Yaml.Documents([Yaml.Map(
            ("apiVersion", "kustomize.config.k8s.io/v1beta1"),
            ("kind", "Kustomization"),
            ("resources", applied.Cast<object>().ToList()))]);
        return new ManifestSet(files);
    }

    /// <summary>Replaces the folder's YAML with this set, so a workload removed from the model leaves no file behind.</summary>
    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var stale in Directory.EnumerateFiles(folder, "*.yaml"))
        {
            File.Delete(stale);
        }

        foreach (var (name, text) in Files)
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }
    }
}
