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

    /// <summary>
    /// Starts a server on a free port, trying again on another if it fails: between choosing a port and binding
    /// it, a parallel run may take it.
    /// </summary>
    public static async Task<T> StartAsync<T>(Func<int, Task<T>> start, int attempts = 3)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start(Next()).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < attempts && e is InvalidOperationException or TimeoutException)
            {
                // Another port, another try.
            }
        }
    }
}
