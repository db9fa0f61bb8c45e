namespace Upstream.Deploy.Model;

/// <summary>
/// One project of the app model as Kubernetes runs it: a Deployment of <paramref name="Replicas"/> pods listening on
/// <paramref name="Ports"/> (endpoint name to port, e.g. http 5101 and grpc 5102), with its environment.
/// <paramref name="IsPublic"/> when the model marks its endpoints external (the gateway): it goes behind the Ingress.
/// </summary>
public sealed record Workload(string Name, int Replicas, IReadOnlyDictionary<string, int> Ports, IReadOnlyList<Setting> Environment, bool IsPublic);

/// <summary>
/// One environment variable, named exactly as the model sets it: either a plain value (kept in the workload's
/// ConfigMap) or a reference to a key of the Secret an operator fills (connection strings, signing keys).
/// </summary>
public sealed record Setting(string Name, string? Value, string? SecretKey)
{
    public static Setting Plain(string name, string value) => new(name, value, null);

    public static Setting FromSecret(string name, string key) => new(name, null, key);

    public bool IsSecret => SecretKey is not null;
}

/// <summary>Everything the manifests are written from: the workloads and the Secret's keys (parameters and connection strings).</summary>
public sealed record DeploymentModel(IReadOnlyList<Workload> Workloads, IReadOnlyList<string> SecretKeys);
