using System.Net;
using System.Net.Sockets;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Webhooks;

/// <summary>
/// Connects the sender's HTTP client only to addresses a callback may reach: the name is resolved here and each address
/// checked, so a host that resolved outward when subscribed but inward now (DNS rebinding) is still refused.
/// </summary>
public sealed class CallbackGuard
{
    private volatile IReadOnlySet<string> _allowedHosts = new HashSet<string>();

    /// <summary>The hosts staff allowed, refreshed by the sender from the database.</summary>
    public void Allow(IReadOnlySet<string> hosts) => _allowedHosts = hosts;

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!_allowedHosts.Contains(host.ToLowerInvariant()) && addresses.FirstOrDefault(CallbackUrl.PointsInward) is { } inward)
        {
            throw new HttpRequestException($"Refused to call {host}: it resolves to {inward}, an inward address.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
