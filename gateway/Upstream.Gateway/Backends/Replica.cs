namespace Upstream.Gateway.Backends;

/// <summary>One process of a backend service. Healthy until a probe or a failed connection says otherwise.</summary>
public sealed class Replica(Uri address)
{
    private volatile bool _healthy = true;

    public Uri Address { get; } = address;

    public bool IsHealthy => _healthy;

    public void MarkHealthy() => _healthy = true;

    public void MarkUnhealthy() => _healthy = false;

    public override string ToString() => Address.ToString();
}
