using System.Collections.Concurrent;
using System.Security.Cryptography;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Upstream.Contracts;
using Upstream.Hosting.Infrastructure;
using Upstream.ServiceDefaults.Grpc;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Testing.Hosting;

/// <summary>
/// One of our services as it runs, on its two loopback endpoints (http: REST and health; grpc: HTTP/2), with its own
/// database and broker virtual host on the run's real servers, a test clock and a signing key; called through the
/// typed clients a staff tool or another service registers with <see cref="ServiceClients.AddServiceClient{TClient}"/>,
/// found by service discovery. Every service's test host is this one, given the service's Build method.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TokenIssuer _tokens;
    private readonly ConcurrentDictionary<Type, ServiceProvider> _clients = new();

    private ServiceHost(WebApplication app, string name, TestClock clock, Uri http, Uri grpc, string database, string broker)
    {
        _app = app;
        Name = name;
        Clock = clock;
        Http = new HttpClient { BaseAddress = http };
        GrpcAddress = grpc;
        Database = database;
        Broker = broker;
        // Tokens are checked against the real time, whatever programme date the test clock shows.
        _tokens = new TokenIssuer(TokenSettings.From(app.Configuration), TimeProvider.System);
    }

    /// <summary>The service's name: its database is "{name}db", its queues "{name}-...".</summary>
    public string Name { get; }

    public TestClock Clock { get; }

    /// <summary>The http endpoint: REST (JSON transcoding), /health and /alive.</summary>
    public HttpClient Http { get; }

    public Uri GrpcAddress { get; }

    /// <summary>The connection string of the service's own database.</summary>
    public string Database { get; }

    /// <summary>A test service's database connections unless it asks for more.</summary>
    public const int DefaultPoolSize = 20;

    /// <summary>The amqp:// connection string of the virtual host it publishes and consumes on.</summary>
    public string Broker { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="build">The service's own Build(args, configure) (ApplicationsApp.Build, NetworkApp.Build...).</param>
    /// <param name="broker">Share one virtual host between services that must hear each other's events.</param>
    /// <param name="clock">Share one clock between services a test moves through time together.</param>
    /// <param name="maximumPoolSize">Caps the service's database connections: a test run has dozens of services up at
    /// once on one PostgreSQL (max_connections 500), and Npgsql's own default of 100 each let a few bursts of parallel
    /// calls take every connection ("too many clients" for whichever test started next). A benchmark asks for production's.</param>
    public static async Task<ServiceHost> StartAsync(
        SharedInfrastructure infrastructure,
        string name,
        Func<string[], Action<WebApplicationBuilder>, WebApplication> build,
        DateTimeOffset now,
        string? broker = null,
        TestClock? clock = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        int maximumPoolSize = DefaultPoolSize)
    {
        broker ??= await infrastructure.CreateVirtualHostAsync(name);
        var database = await infrastructure.CreateDatabaseAsync(name);
        database += $";Maximum Pool Size={maximumPoolSize}";

        clock ??= new TestClock(now);
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        // A free port can be taken by another process between choosing it and binding it: then choose again.
        for (var attempt = 1; ; attempt++)
        {
            var (http, grpc) = (new Uri($"http://127.0.0.1:{FreePort.Next()}"), new Uri($"http://127.0.0.1:{FreePort.Next()}"));
            var configuration = new Dictionary<string, string?>
            {
                ["Kestrel:Endpoints:http:Url"] = http.ToString(),
                ["Kestrel:Endpoints:grpc:Url"] = grpc.ToString(),
                [$"ConnectionStrings:{name}db"] = database,
                ["Authentication:Issuer"] = "tests",
                ["Authentication:Audience"] = "upstream",
                ["Authentication:SigningKey"] = signingKey,
                ["ConnectionStrings:messaging"] = broker,
                ["Messaging:ServiceName"] = name,
                ["Messaging:RelayPollInterval"] = "00:00:00.250",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                configuration[key] = value;
            }

            var app = build([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(configuration);
                builder.Services.AddSingleton<TimeProvider>(clock);
            });
            try
            {
                await app.StartAsync();
            }
            catch (IOException e) when (e.InnerException is AddressInUseException && attempt < 5)
            {
                await app.DisposeAsync();

                // MassTransit keeps the log context it made from this app's logger factory for the rest of this flow and
                // would hand the next attempt's bus that disposed factory (ObjectDisposedException while building it).
                LogContext.Current = null;
                continue;
            }

            return await ReadyAsync(app, name, clock, http, grpc, database, broker);
        }
    }

    private static async Task<ServiceHost> ReadyAsync(WebApplication app, string name, TestClock clock, Uri http, Uri grpc, string database, string broker)
    {
        // The database the service really uses: a test may have pointed it at another (a restart on what was left).
        var host = new ServiceHost(app, name, clock, http, grpc, app.Configuration.GetConnectionString($"{name}db") ?? database, broker);

        // Ready as an orchestrator would judge it: until the bus has bound its queues, a published event has nowhere to go.
        await Eventually.ReturnsAsync(async () => (await host.Http.GetAsync("/health")).IsSuccessStatusCode, ready => ready, $"the {name} service to be ready");
        return host;
    }

    /// <summary>Publishes an event on the service's broker as another service would (its id as the message id).</summary>
    public Task PublishAsync<TEvent>(TEvent integrationEvent, Guid? messageId = null)
        where TEvent : class, IIntegrationEvent =>
        Services.GetRequiredService<IBus>().Publish(integrationEvent, context => context.MessageId = messageId ?? integrationEvent.EventId);

    /// <summary>A count straight from the service's database (what a test checks the service did, or did not, store).</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A typed client of one of the service's gRPC APIs, made the way callers make it.</summary>
    public TClient Client<TClient>()
        where TClient : ClientBase<TClient>
    {
        var provider = _clients.GetOrAdd(typeof(TClient), _ =>
        {
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [$"services:{Name}:grpc:0"] = GrpcAddress.ToString() })
                .Build());
            services.AddServiceClient<TClient>(Name);
            return services.BuildServiceProvider();
        });
        return provider.GetRequiredService<TClient>();
    }

    public Metadata As(string subject, string role, string? council = null) =>
        new() { { "authorization", "Bearer " + Token(subject, role, council) } };

    public string Token(string subject, string role, string? council = null) => _tokens.Issue(subject, [role], council);

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _clients.Values)
        {
            await provider.DisposeAsync();
        }

        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();

        // The service's own connections closed with it (its data source is disposed with the app); the test's own
        // queries (CountAsync) share Npgsql's pool for this connection string, kept open for minutes unless cleared.
        await using var connection = new NpgsqlConnection(Database);
        NpgsqlConnection.ClearPool(connection);
    }
}
