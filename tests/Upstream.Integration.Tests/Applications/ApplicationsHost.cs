using System.Security.Cryptography;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Upstream.Applications.Hosting;
using Upstream.Applications.V1;
using Upstream.Hosting.Infrastructure;
using Upstream.Integration.Tests.Infrastructure;
using Upstream.ServiceDefaults.Grpc;
using Upstream.ServiceDefaults.Identity;
using Upstream.Testing.Applications;

namespace Upstream.Integration.Tests.Applications;

/// <summary>
/// The Applications service as it runs, on its two loopback endpoints (http: REST and health; grpc: HTTP/2),
/// with its own database, a test clock and a signing key; called through the typed clients a staff tool or
/// another service registers with <see cref="ServiceClients.AddServiceClient{TClient}"/>, found by service discovery.
/// </summary>
public sealed class ApplicationsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServiceProvider _clients;
    private readonly TokenIssuer _tokens;

    private ApplicationsHost(WebApplication app, TestClock clock, Uri http, Uri grpc, string database)
    {
        _app = app;
        Database = database;
        Clock = clock;
        Http = new HttpClient { BaseAddress = http };
        GrpcAddress = grpc;
        // Tokens are checked against the real time, whatever programme date the test clock shows.
        _tokens = new TokenIssuer(TokenSettings.From(app.Configuration), TimeProvider.System);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["services:applications:grpc:0"] = grpc.ToString() })
            .Build());
        services.AddServiceClient<CallService.CallServiceClient>("applications");
        services.AddServiceClient<ApplicationService.ApplicationServiceClient>("applications");
        services.AddServiceClient<TransferService.TransferServiceClient>("applications");
        services.AddServiceClient<ReviewService.ReviewServiceClient>("applications");
        services.AddServiceClient<CohortService.CohortServiceClient>("applications");
        _clients = services.BuildServiceProvider();
    }

    public TestClock Clock { get; }

    /// <summary>The http endpoint: REST (JSON transcoding), /health and /alive.</summary>
    public HttpClient Http { get; }

    public Uri GrpcAddress { get; }

    /// <summary>The connection string of the service's own database.</summary>
    public string Database { get; }

    public IServiceProvider Services => _app.Services;

    public CallService.CallServiceClient Calls => _clients.GetRequiredService<CallService.CallServiceClient>();

    public ApplicationService.ApplicationServiceClient Applications => _clients.GetRequiredService<ApplicationService.ApplicationServiceClient>();

    public TransferService.TransferServiceClient Transfer => _clients.GetRequiredService<TransferService.TransferServiceClient>();

    public ReviewService.ReviewServiceClient Reviews => _clients.GetRequiredService<ReviewService.ReviewServiceClient>();

    public CohortService.CohortServiceClient Cohorts => _clients.GetRequiredService<CohortService.CohortServiceClient>();

    public static async Task<ApplicationsHost> StartAsync(InfrastructureFixture infrastructure, DateTimeOffset now, string? broker = null)
    {
        broker ??= await infrastructure.Shared.CreateVirtualHostAsync("applications");
        var database = await infrastructure.Shared.CreateDatabaseAsync("applications");
        var clock = new TestClock(now);
        var (http, grpc) = (new Uri($"http://127.0.0.1:{FreePort.Next()}"), new Uri($"http://127.0.0.1:{FreePort.Next()}"));
        var settings = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:http:Url"] = http.ToString(),
            ["Kestrel:Endpoints:grpc:Url"] = grpc.ToString(),
            ["ConnectionStrings:applicationsdb"] = database,
            ["Authentication:Issuer"] = "tests",
            ["Authentication:Audience"] = "upstream",
            ["Authentication:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["ConnectionStrings:messaging"] = broker,
            ["Messaging:ServiceName"] = "applications",
            ["Messaging:RelayPollInterval"] = "00:00:00.250",
        };
        var app = ApplicationsApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton<TimeProvider>(clock);
        });
        await app.StartAsync();
        return new ApplicationsHost(app, clock, http, grpc, database);
    }

    public Metadata As(string subject, string role, string? council = null) =>
        new() { { "authorization", "Bearer " + Token(subject, role, council) } };

    public string Token(string subject, string role, string? council = null) => _tokens.Issue(subject, [role], council);

    /// <summary>A published call, opened for applications at the sample opening time.</summary>
    public async Task<Call> OpenCallAsync(Metadata staff)
    {
        var now = Clock.Now;
        Clock.Now = ApplicationsApiTests.Opens.AddDays(-10);
        var call = await Calls.DraftCallAsync(new DraftCallRequest { Details = SampleRequests.Call("Upstream Collaborative 2030") }, staff);
        await Calls.PublishCallAsync(new PublishCallRequest { CallId = call.Id }, staff);
        Clock.Now = now;
        return call;
    }

    public async ValueTask DisposeAsync()
    {
        await _clients.DisposeAsync();
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
