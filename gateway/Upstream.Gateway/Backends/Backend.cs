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
    /// <remarks>Counting over the healthy ones only keeps the spread even while one is down.</remarks>
    public Replica? Pick()
    {
        var healthy = Replicas.Count(r => r.IsHealthy);
        if (healthy == 0)
        {
            return null;
        }

        var turn = (Interlocked.Increment(ref _next) & int.MaxValue) % healthy;
        foreach (var replica in Replicas)
        {
            if (replica.IsHealthy && turn-- == 0)
            {
                return replica;
            }
        }

        return Replicas.FirstOrDefault(r => r.IsHealthy); // one turned unhealthy meanwhile
    }
}
