namespace Upstream.Grpc.Client.Balancing;

/// <summary>
/// The addresses of one service's replicas, handed out in turn so calls spread evenly. Each call (and each retry
/// of a call) takes the next one, so a retry after UNAVAILABLE goes to a different replica when there is one.
/// </summary>
public sealed class RoundRobinEndpoints
{
    private readonly Uri[] endpoints;
    private int next = -1;

    public RoundRobinEndpoints(IEnumerable<Uri> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        this.endpoints = [.. endpoints];
        if (this.endpoints.Length == 0)
        {
            throw new ArgumentException("A gRPC client needs at least one address.", nameof(endpoints));
        }

        foreach (var endpoint in this.endpoints)
        {
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"'{endpoint}' is not an absolute http:// or https:// address.", nameof(endpoints));
            }
        }
    }

    public IReadOnlyList<Uri> All => endpoints;

    public Uri Next()
    {
        var index = (uint)Interlocked.Increment(ref next) % (uint)endpoints.Length;
        return endpoints[index];
    }
}
