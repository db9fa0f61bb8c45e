using System.CommandLine;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Upstream.Cli.Output;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Cli.Connection;

/// <summary>
/// The typed gRPC clients of one command run, made the one way every caller makes them (ServiceDefaults'
/// AddServiceClient: default deadline, retries on UNAVAILABLE for the methods the protos mark idempotent), each
/// service found from its flag, its environment variable or the running system, with the staff token on every call.
/// </summary>
public sealed class ServiceConnection(ParseResult parse, CliConsole console) : IAsyncDisposable
{
    private readonly Lazy<RunningSystem?> _system = new(() => RunningSystem.Read(parse.GetValue(GlobalOptions.System), console.WorkingDirectory));
    private ServiceProvider? _provider;

    public TClient Client<TClient>(string service)
        where TClient : ClientBase
    {
        Require(service);
        _provider ??= Build();
        return _provider.GetRequiredService<TClient>();
    }

    private ServiceProvider Build()
    {
        var addresses = new Dictionary<string, string?>();
        foreach (var service in GlobalOptions.Services)
        {
            if (Address(service) is { } address)
            {
                addresses[$"services:{service}:grpc:0"] = address;
            }
        }

        var token = parse.GetValue(GlobalOptions.Token) ?? console.Environment("UPSTREAM_TOKEN") ?? _system.Value?.StaffToken;
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(addresses).Build());
        foreach (var (service, clients) in Clients)
        {
            foreach (var register in clients)
            {
                register(services, service).AddCallCredentials((_, metadata) =>
                {
                    if (!string.IsNullOrEmpty(token))
                    {
                        metadata.Add("authorization", "Bearer " + token);
                    }

                    return Task.CompletedTask;
                });
            }
        }

        return services.BuildServiceProvider();
    }

    private string? Address(string service) =>
        parse.GetValue(GlobalOptions.Endpoints[service])
        ?? console.Environment($"UPSTREAM_{service.ToUpperInvariant()}_GRPC")
        ?? _system.Value?.Services.GetValueOrDefault(service);

    /// <summary>Fails before calling when a service's address is known from nowhere.</summary>
    public void Require(string service)
    {
        if (Address(service) is null)
        {
            throw new CliException(ExitCodes.Unavailable,
                $"No address for the {service} service: pass --{service} URL, set UPSTREAM_{service.ToUpperInvariant()}_GRPC, or start the system (bash apphost/run.sh) so .upstream/system.json exists.");
        }
    }

    private static readonly (string Service, Func<IServiceCollection, string, IHttpClientBuilder>[] Clients)[] Clients =
    [
        ("applications", [Add<Applications.V1.CallService.CallServiceClient>, Add<Applications.V1.ApplicationService.ApplicationServiceClient>,
            Add<Applications.V1.TransferService.TransferServiceClient>, Add<Applications.V1.CohortService.CohortServiceClient>]),
        ("network", [Add<Network.V1.MemberService.MemberServiceClient>, Add<Network.V1.VisitService.VisitServiceClient>, Add<Network.V1.WorkgroupService.WorkgroupServiceClient>]),
        ("events", [Add<Events.V1.ProgrammeEventService.ProgrammeEventServiceClient>, Add<Events.V1.EventRegistrationService.EventRegistrationServiceClient>,
            Add<Events.V1.ExpenseClaimService.ExpenseClaimServiceClient>]),
        ("grants", [Add<Grants.V1.FundService.FundServiceClient>, Add<Grants.V1.AssessmentService.AssessmentServiceClient>]),
        ("insights", [Add<Insights.V1.PublicationService.PublicationServiceClient>]),
    ];

    private static IHttpClientBuilder Add<TClient>(IServiceCollection services, string service)
        where TClient : ClientBase => services.AddServiceClient<TClient>(service);

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}
