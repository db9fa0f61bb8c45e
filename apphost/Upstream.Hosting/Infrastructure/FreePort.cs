using System.Net;
using System.Net.Sockets;

namespace Upstream.Hosting.Infrastructure;

public static class FreePort
{
    /// <summary>A loopback port nothing listens on right now (the OS picks it, so parallel runs rarely collide).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
