namespace Upstream.Hosting.Model;

/// <summary>
/// Something the app host runs or provides. Its state is owned by the orchestrator; resources only say how
/// to start, check and stop themselves, and what they give to those that reference them.
/// </summary>
public abstract class Resource(string name)
{
    private readonly Lock _gate = new();
    private ResourceSnapshot? _snapshot;

    public string Name { get; } = name;

    public abstract string Type { get; }

    /// <summary>Resources that must be Running and healthy before this one starts (WaitFor, and a database's server).</summary>
    public List<Resource> WaitsFor { get; } = [];

    /// <summary>Environment contributions to the projects that reference this resource, or set on this project itself.</summary>
    internal List<Action<EnvironmentContext>> EnvironmentCallbacks { get; } = [];

    public event Action<ResourceSnapshot>? Changed;

    public ResourceSnapshot Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _snapshot ??= new ResourceSnapshot(Name, Type, ResourceState.NotStarted, HealthStatus.Unknown, [], null, null, null, null);
            }
        }
    }

    internal void Update(Func<ResourceSnapshot, ResourceSnapshot> change)
    {
        ResourceSnapshot next;
        lock (_gate)
        {
            next = change(Snapshot);
            if (next == _snapshot)
            {
                return;
            }

            _snapshot = next;
        }

        Changed?.Invoke(next);
    }

    internal abstract Task StartAsync(AppHostContext context, CancellationToken cancellationToken);

    internal abstract Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken);

    internal abstract Task StopAsync();

    /// <summary>Completes when the resource's processes end by themselves; never for resources without a process.</summary>
    internal virtual Task<int> ExitedUnexpectedly => new TaskCompletionSource<int>().Task;

    internal virtual IReadOnlyList<string> RecentOutput => [];

    /// <summary>The environment the resource's (first) process was given, for the dashboard; secrets are masked there.</summary>
    public virtual IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>();
}

/// <summary>A resource other resources can reference by connection string (ConnectionStrings__NAME).</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    string ConnectionString { get; }
}

/// <summary>What a project's environment is being built from: one replica of one project.</summary>
public sealed class EnvironmentContext(IDictionary<string, string> variables, int replica)
{
    public IDictionary<string, string> Variables { get; } = variables;

    public int Replica { get; } = replica;
}
