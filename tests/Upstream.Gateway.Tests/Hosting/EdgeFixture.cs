namespace Upstream.Gateway.Tests.Hosting;

/// <summary>The stand-in Applications, Network, Events, Grants and Insights services behind the real gateway, shared by one test class.</summary>
public class EdgeFixture : IAsyncLifetime
{
    public ServiceHost Backend { get; private set; } = null!;

    /// <summary>The stand-in Network service, so its routes are in the merged OpenAPI document.</summary>
    public ServiceHost Network { get; private set; } = null!;

    /// <summary>The stand-in Events service, likewise.</summary>
    public ServiceHost Events { get; private set; } = null!;

    /// <summary>The stand-in Grants service, likewise.</summary>
    public ServiceHost Grants { get; private set; } = null!;

    /// <summary>The stand-in Insights service, likewise.</summary>
    public ServiceHost Insights { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    /// <summary>Settings a test class adds to the gateway's (limits, timeouts, origins).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public async Task InitializeAsync()
    {
        Backend = await ApplicationsBackend.StartAsync();
        Network = await NetworkBackend.StartAsync();
        Events = await EventsBackend.StartAsync();
        Grants = await GrantsBackend.StartAsync();
        Insights = await InsightsBackend.StartAsync();
        Gateway = await GatewayHost.StartAsync(
            [.. Backend.Discovery("applications"), .. Network.Discovery("network"), .. Events.Discovery("events"), .. Grants.Discovery("grants"), .. Insights.Discovery("insights"), .. Settings]);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
        await Network.DisposeAsync();
        await Events.DisposeAsync();
        await Grants.DisposeAsync();
        await Insights.DisposeAsync();
    }
}
