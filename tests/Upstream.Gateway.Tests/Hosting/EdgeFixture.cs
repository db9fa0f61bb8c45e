namespace Upstream.Gateway.Tests.Hosting;

/// <summary>The stand-in service (every contract: Applications, Grants) behind the real gateway, shared by one test class.</summary>
public class EdgeFixture : IAsyncLifetime
{
    public ServiceHost Backend { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    /// <summary>Settings a test class adds to the gateway's (limits, timeouts, origins).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public async Task InitializeAsync()
    {
        Backend = await ApplicationsBackend.StartAsync();
        Gateway = await GatewayHost.StartAsync([.. Backend.Discovery("applications"), .. Backend.Discovery("grants"), .. Settings]);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
