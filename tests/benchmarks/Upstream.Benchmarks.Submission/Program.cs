// Submission through gRPC with the database: councils start and submit applications concurrently against the real
// Applications service (in-process on its two Kestrel endpoints, gRPC on real h2c), a real PostgreSQL with durable commits, and a real
// RabbitMQ for the outbox relay. Reports throughput and p50/p99 per call; writes tests/benchmarks/results/applications-submission.md.
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Upstream.Applications.Hosting;
using Upstream.Applications.Registry;
using Upstream.Applications.V1;
using Upstream.Benchmarks.Submission;
using Upstream.Hosting.Infrastructure;
using Upstream.ServiceDefaults.Grpc;
using Upstream.ServiceDefaults.Identity;
using Upstream.Testing.Applications;
using Upstream.Domain.Registry;

const int Concurrency = 16;
const int WarmUp = 200;
const int Measured = 3000;

Console.WriteLine("Starting PostgreSQL (durable commits) and RabbitMQ ...");
await using var servers = await LocalServers.StartAsync(
    Path.Combine(Path.GetTempPath(), $"upstream-bench-submission-{Environment.ProcessId}"), $"upstream-bench-{Environment.ProcessId}", durable: true);
var (postgres, rabbit) = (servers.Postgres, servers.RabbitMq);
await postgres.CreateDatabaseAsync("applicationsdb");

// The service's two endpoints as its appsettings.json declares them (http: HTTP/1.1 REST and health; grpc: HTTP/2
// only, for h2c), on free loopback ports; the protocols are set here too, as that file is not in this program's content root.
var (http, grpc) = (new Uri($"http://127.0.0.1:{FreePort.Next()}"), new Uri($"http://127.0.0.1:{FreePort.Next()}"));
var clock = new ProgrammeClock(DateTimeOffset.Parse("2030-06-20T12:00:00Z", CultureInfo.InvariantCulture));
var settings = new Dictionary<string, string?>
{
    ["Kestrel:Endpoints:http:Url"] = http.ToString(),
    ["Kestrel:Endpoints:grpc:Url"] = grpc.ToString(),
    ["ConnectionStrings:applicationsdb"] = postgres.ConnectionString("applicationsdb"),
    ["ConnectionStrings:messaging"] = rabbit.ConnectionString(),
    ["Authentication:Issuer"] = "benchmark",
    ["Authentication:Audience"] = "upstream",
    ["Authentication:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    ["Messaging:ServiceName"] = "applications",
};
var app = ApplicationsApp.Build([], builder =>
{
    builder.Configuration.AddInMemoryCollection(settings);
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddSingleton<TimeProvider>(clock);
});
await app.StartAsync();
try
{
    // The typed clients another service or a staff tool registers, finding the grpc endpoint by service discovery.
    var clientServices = new ServiceCollection();
    clientServices.AddSingleton<IConfiguration>(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["services:applications:grpc:0"] = grpc.ToString() })
        .Build());
    clientServices.AddServiceClient<CallService.CallServiceClient>("applications");
    clientServices.AddServiceClient<ApplicationService.ApplicationServiceClient>("applications");
    await using var clients = clientServices.BuildServiceProvider();
    var tokens = new TokenIssuer(TokenSettings.From(app.Configuration), TimeProvider.System);
    var calls = clients.GetRequiredService<CallService.CallServiceClient>();
    var applications = clients.GetRequiredService<ApplicationService.ApplicationServiceClient>();
    var staff = Bearer(tokens.Issue("staff-bench", [Roles.Staff]));

    // Each council may lead one application per call, so the work is spread over as many calls as needed.
    var councils = LocalAuthorityRegistry.Shipped.All
        .Where(a => LeadEligibility.LeadingTypes.Contains(a.TypeCode) && a.ExistedOn(new DateOnly(2030, 7, 15)))
        .Select(a => (a.Code, Token: Bearer(tokens.Issue("applicant-" + a.Code, [Roles.Applicant], a.Code))))
        .ToList();
    var callCount = (WarmUp + Measured + councils.Count - 1) / councils.Count;
    var callIds = new List<string>();
    for (var i = 0; i < callCount; i++)
    {
        var call = await calls.DraftCallAsync(new DraftCallRequest { Details = SampleRequests.Call($"Benchmark call {i}") }, staff);
        await calls.PublishCallAsync(new PublishCallRequest { CallId = call.Id }, staff);
        callIds.Add(call.Id);
    }

    clock.Now = DateTimeOffset.Parse("2030-07-05T12:00:00Z", CultureInfo.InvariantCulture); // the calls are open
    var work = Enumerable.Range(0, WarmUp + Measured).Select(n => (CallId: callIds[n / councils.Count], Council: councils[n % councils.Count])).ToList();
    Console.WriteLine($"{councils.Count} councils, {callIds.Count} calls; warming up with {WarmUp} submissions ...");
    await RunAsync(work.Take(WarmUp).ToList());
    Console.WriteLine($"Measuring {Measured} submissions with {Concurrency} concurrent councils ...");
    var started = Stopwatch.GetTimestamp();
    var (starts, submits) = await RunAsync(work.Skip(WarmUp).ToList());
    var elapsed = Stopwatch.GetElapsedTime(started);

    var report = Scenario.Report(Measured, Concurrency, elapsed, starts, submits, councils.Count, callIds.Count);
    var path = Path.GetFullPath(Path.Combine(Scenario.RepositoryRoot(), "tests", "benchmarks", "results", "applications-submission.md"));
    File.WriteAllText(path, report);
    Console.WriteLine(report);
    Console.WriteLine($"Written to {path}");

    async Task<(List<double> Starts, List<double> Submits)> RunAsync(List<(string CallId, (string Code, Metadata Token) Council)> items)
    {
        var next = -1;
        var starts = new List<double>[Concurrency];
        var submits = new List<double>[Concurrency];
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async worker =>
        {
            starts[worker] = [];
            submits[worker] = [];
            int n;
            while ((n = Interlocked.Increment(ref next)) < items.Count)
            {
                var (callId, (code, token)) = items[n];
                var t0 = Stopwatch.GetTimestamp();
                var application = await applications.StartApplicationAsync(new StartApplicationRequest { CallId = callId, LeadCouncilCode = code, Draft = SampleRequests.Draft() }, token);
                var t1 = Stopwatch.GetTimestamp();
                var submitted = await applications.SubmitApplicationAsync(new SubmitApplicationRequest { ApplicationId = application.Id }, token);
                var t2 = Stopwatch.GetTimestamp();
                if (submitted.State is not (ApplicationState.Eligible or ApplicationState.Ineligible))
                {
                    throw new InvalidOperationException($"Submission of {code} ended {submitted.State}, not screened.");
                }

                starts[worker].Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                submits[worker].Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            }
        }));
        return ([.. starts.SelectMany(s => s)], [.. submits.SelectMany(s => s)]);
    }
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
}

static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };
