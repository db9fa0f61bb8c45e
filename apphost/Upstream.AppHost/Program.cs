using Upstream.AppHost;
using Upstream.Hosting;
using Upstream.Hosting.Dashboard;

// The whole system, as an inventory. A service is declared here when it exists, never before.
var builder = DistributedApplicationBuilder.CreateBuilder(args);
builder.AddDashboard(); // http://localhost:18888 (or --Upstream:Dashboard:Port=N); every project's OTLP goes there
var identity = new DevelopmentIdentity();

var postgres = builder.AddPostgres("postgres");
var messaging = builder.AddRabbitMQ("messaging");

var applicationsDb = postgres.AddDatabase("applicationsdb");
var applications = identity.Trust(builder.AddProject("applications", "services/Applications/Upstream.Applications/Upstream.Applications.csproj"))
    .WithReference(applicationsDb).WaitFor(applicationsDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithGrpcEndpoint()
    .WithHttpHealthCheck();

// The public edge (YARP): REST on its http endpoint, gRPC pass-through on its HTTP/2-only grpc endpoint.
var gateway = identity.Trust(builder.AddProject("gateway", "gateway/Upstream.Gateway/Upstream.Gateway.csproj"))
    .WithReference(applications).WaitFor(applications)
    .WithGrpcEndpoint()
    .WithHttpHealthCheck();

var app = builder.Build();
_ = new ConsoleReporter(app, Console.Out);
Console.WriteLine($"Upstream app host: starting {app.Resources.Count} resources (data in {app.Options.DataDirectory})");
_ = app.AllHealthy.ContinueWith(
    _ =>
    {
        identity.PrintTokens(Console.Out, gateway.Resource.Endpoints[0]);
        Console.WriteLine($"gRPC through the gateway: {gateway.Resource.GrpcEndpoints[0]}");
    },
    CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
await app.RunAsync();
Console.WriteLine("Upstream app host: stopped.");
