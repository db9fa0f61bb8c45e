using Microsoft.Extensions.DependencyInjection;
using Upstream.AppHost;

// The whole system, as an inventory. A service is declared here when it exists, never before. Each project's
// endpoints come from its appsettings.json (Kestrel:Endpoints): http for REST, /health and /alive; grpc for gRPC.
var builder = DistributedApplication.CreateBuilder(args);
var identity = DevelopmentIdentity.Create(builder);
var infrastructure = Infrastructure.Add(builder);

var applicationsDb = infrastructure.AddDatabase("applicationsdb");
var applications = identity.Trust(builder.AddProject<Projects.Upstream_Applications>("applications"))
    .WithReference(applicationsDb).WaitFor(applicationsDb)
    .WithReference(infrastructure.Messaging).WaitFor(infrastructure.Messaging)
    .WithHttpHealthCheck("/health", endpointName: "http")
    .WithReplicas(2);

var grantsDb = infrastructure.AddDatabase("grantsdb");
var grants = identity.Trust(builder.AddProject<Projects.Upstream_Grants>("grants"))
    .WithReference(grantsDb).WaitFor(grantsDb)
    .WithReference(infrastructure.Messaging).WaitFor(infrastructure.Messaging)
    .WithHttpHealthCheck("/health", endpointName: "http")
    .WithReplicas(2);

// The public edge (YARP): REST on its http endpoint, gRPC pass-through on its grpc endpoint. It waits for the services:
// started beside it, its active health probes would mark the replicas down and answer 503 until the next probe.
var gateway = identity.Trust(builder.AddProject<Projects.Upstream_Gateway>("gateway"))
    .WithReference(applications).WaitFor(applications)
    .WithReference(grants).WaitFor(grants)
    .WithHttpHealthCheck("/health", endpointName: "http");

builder.Services.AddHostedService(services => new ReadyAnnouncement(services, identity, gateway.Resource));
builder.Build().Run();
