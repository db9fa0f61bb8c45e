namespace Upstream.Gateway.Backends;

/// <summary>
/// A service the gateway fronts, by its app host name ("applications"), with its replicas from
/// services__NAME__http__N. Calls go round-robin over the healthy replicas.
/// </summary>
public sealed class Backend(string name, IReadOnlyList<Replica> replicas)
{
    private int _next = -1;

    public string Name { get; } = name;

    public IReadOnlyList<Replica> Replicas { get; } = replicas;

    /// <summary>The next healthy replica, or null when none is healthy.</summary>
    public Replica? Pick()
    {
        var start = Interlocked.Increment(ref _next) & int.MaxValue;
        for (var i = 0; i < Replicas.Count; i++)
        {
            var replica = Replicas[(start + i) % Replicas.Count];
            if (replica.IsHealthy)
            {
                return replica;
            }
        }

        return null;
    }
}
