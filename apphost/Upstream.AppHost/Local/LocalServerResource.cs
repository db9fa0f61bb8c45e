using Upstream.Hosting.Processes;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A server from the machine's own packages, run by DCP as an executable under <see cref="ProcessGuard"/>:
/// DCP's stop (and the app host's death, even by SIGKILL) becomes the server's graceful stop signal, and what
/// the server leaves behind is cleaned up. Its console output is the resource's console log in the dashboard.
/// </summary>
public abstract class LocalServerResource(string name, string dataDirectory, int port)
    : ExecutableResource(name, ProcessGuard.Shell, dataDirectory)
{
    internal const string EndpointName = "tcp";

    /// <summary>Where the server keeps its data, inside the app host's data folder, so it survives restarts.</summary>
    public string DataDirectory { get; } = dataDirectory;

    public int Port { get; } = port;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);
}
