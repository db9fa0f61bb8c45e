using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Upstream.AppHost;

// The whole system, as an inventory. A service is declared here when it exists, never before. Each project's
// endpoints come from its appsettings.json (Kestrel:Endpoints): http for REST, /health and /alive; grpc for gRPC.
var builder = DistributedApplication.CreateBuilder(args);
var identity = DevelopmentIdentity.Create(builder);
var infrastructure = Infrastructure.Add(builder);

// The services hear each other only through the shared broker (Network consumes ApplicationSelected; Events and Grants
// consume MemberJoined, MemberLeft and PersonErased; Insights consumes the others' findings, products, grants and
// attendance), so none waits for another.
var applications = Service<Projects.Upstream_Applications>("applications");
var network = Service<Projects.Upstream_Network>("network");
var events = Service<Projects.Upstream_Events>("events");
var grants = Service<Projects.Upstream_Grants>("grants");
var insights = Service<Projects.Upstream_Insights>("insights");

// The public edge (YARP): REST on its http endpoint, gRPC pass-through on its grpc endpoint. It waits for the services:
// started beside it, its active health probes would mark the replicas down and answer 503 until the next probe.
var gateway = identity.Trust(builder.AddProject<Projects.Upstream_Gateway>("gateway").WithExternalHttpEndpoints())
    .WithReference(applications).WaitFor(applications)
    .WithReference(network).WaitFor(network)
    .WithReference(events).WaitFor(events)
    .WithReference(grants).WaitFor(grants)
    .WithReference(insights).WaitFor(insights)
    .WithHttpHealthCheck("/health", endpointName: "http");

// Only a running system has tokens to announce; publishing just writes the model out.
if (builder.ExecutionContext.IsRunMode)
{
    builder.Services.AddHostedService(services => new ReadyAnnouncement(services, identity, gateway.Resource, new SystemFile(Path.Combine(builder.DataDirectory("."), "system.json"))));

    // `run.sh --demo` (Upstream:Demo=true): once all is healthy, a realistic programme is driven in through the gateway.
    if (builder.Configuration.GetValue<bool>("Upstream:Demo"))
    {
        builder.Services.AddHostedService(services => new DemoProgramme(services, identity, gateway.Resource));
    }
}

builder.Build().Run();

// Every service alike: its own database "<name>db", the broker, the development identity, healthy when /health says
// so, and two replicas (they are stateless; consumers compete on their queues).
IResourceBuilder<ProjectResource> Service<TProject>(string name)
    where TProject : IProjectMetadata, new()
{
    var database = infrastructure.AddDatabase($"{name}db");
    return identity.Trust(builder.AddProject<TProject>(name))
        .WithReference(database).WaitFor(database)
        .WithReference(infrastructure.Messaging).WaitFor(infrastructure.Messaging)
        .WithHttpHealthCheck("/health", endpointName: "http")
        .WithReplicas(2);
}
