using Upstream.Applications.Hosting;
using Upstream.Domain.Time;
using Upstream.Network.Hosting;
using Upstream.Testing.Events;
using Upstream.Testing.Grants;
using Upstream.Testing.Insights;

namespace Upstream.Cli.Tests;

/// <summary>
/// The services the tool's tests call, each started once for the whole collection on the run's real servers:
/// Applications (with a clock the tests move), Network, Events, Grants and Insights.
/// </summary>
public sealed class CliSystem : IAsyncLifetime
{
    /// <summary>Before the sample calls open (1 July 2030): calls can be drafted and published.</summary>
    public static readonly DateTimeOffset BeforeOpening = ProgrammeTime.ToInstant(new DateTime(2030, 6, 20, 9, 0, 0));

    /// <summary>After they close (15 July 2030): cohorts can be proposed; staff may still import.</summary>
    public static readonly DateTimeOffset AfterClosing = ProgrammeTime.ToInstant(new DateTime(2030, 7, 20, 9, 0, 0));

    /// <summary>The Network service's clock: a Monday in November 2030 (visits are recorded on the day or after).</summary>
    public static readonly DateTimeOffset NetworkNow = ProgrammeTime.ToInstant(new DateTime(2030, 11, 4, 16, 0, 0));

    private SharedInfrastructure? _infrastructure;
    private ServiceHost? _applications;
    private ServiceHost? _network;
    private EventsHost? _events;
    private GrantsHost? _grants;
    private InsightsHost? _insights;

    public ServiceHost Applications => _applications ?? throw new InvalidOperationException("Not started.");

    public ServiceHost Network => _network ?? throw new InvalidOperationException("Not started.");

    public EventsHost Events => _events ?? throw new InvalidOperationException("Not started.");

    public GrantsHost Grants => _grants ?? throw new InvalidOperationException("Not started.");

    public InsightsHost Insights => _insights ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _infrastructure = await SharedInfrastructure.GetAsync();
        _applications = await ServiceHost.StartAsync(_infrastructure, "applications", ApplicationsApp.Build, BeforeOpening);
        _network = await ServiceHost.StartAsync(_infrastructure, "network", NetworkApp.Build, NetworkNow);
        _events = await EventsHost.StartAsync(_infrastructure);
        _grants = await GrantsHost.StartAsync(_infrastructure);
        _insights = await InsightsHost.StartAsync(_infrastructure);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new IAsyncDisposable?[] { _applications, _network, _events, _grants, _insights })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        Directory.Delete(Cli.Elsewhere, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliSystem>
{
    public const string Name = "cli";
}
