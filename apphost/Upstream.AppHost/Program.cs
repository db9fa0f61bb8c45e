using Upstream.Hosting;
using Upstream.Hosting.Dashboard;
using Upstream.Hosting.Identity;

// The whole system, as an inventory. A service is declared here when it exists, never before.
var builder = DistributedApplicationBuilder.CreateBuilder(args);
builder.AddDashboard(); // http://localhost:18888 (or --Upstream:Dashboard:Port=N); every project's OTLP goes there

var postgres = builder.AddPostgres("postgres");
var messaging = builder.AddRabbitMQ("messaging");

var applicationsDb = postgres.AddDatabase("applicationsdb");
builder.AddProject("applications", "services/Applications/Upstream.Applications/Upstream.Applications.csproj")
    .WithReference(applicationsDb).WaitFor(applicationsDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithDevelopmentIdentity()
    .WithHttpHealthCheck();

var app = builder.Build();
_ = new ConsoleReporter(app, Console.Out);
Console.WriteLine($"Upstream app host: starting {app.Resources.Count} resources (data in {app.Options.DataDirectory})");
await app.RunAsync();
Console.WriteLine("Upstream app host: stopped.");
