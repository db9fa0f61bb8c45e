using Microsoft.Extensions.DependencyInjection;
using Upstream.AppHost;

// The whole system, as an inventory. A service is declared here when it exists, never before.
var builder = DistributedApplication.CreateBuilder(args);
var identity = DevelopmentIdentity.Create(builder);
var infrastructure = Infrastructure.Add(builder);

var applicationsDb = infrastructure.AddDatabase("applicationsdb");
var applications = identity.Trust(builder.AddProject<Projects.Upstream_Applications>("applications"))
    .WithHttpEndpoint()
    .WithReference(applicationsDb).WaitFor(applicationsDb)
    .WithReference(infrastructure.Messaging).WaitFor(infrastructure.Messaging)
    .WithHttpHealthCheck("/health")
    .WithReplicas(2);

// The public edge: REST at its own address, gRPC pass-through on a second, HTTP/2-only port. It needs nothing at start
// (it routes to the Applications replicas that are healthy, and answers 503 until one is), so it starts beside them.
var gateway = identity.Trust(builder.AddProject<Projects.Upstream_Gateway>("gateway"))
    .WithHttpEndpoint(name: "http")
    .WithHttpEndpoint(name: "grpc", env: "GATEWAY_GRPC_PORT");
gateway.WithEnvironment("Gateway__GrpcUrl", ReferenceExpression.Create($"http://127.0.0.1:{gateway.GetEndpoint("grpc").Property(EndpointProperty.TargetPort)}"))
    .WithReference(applications)
    .WithHttpHealthCheck("/health");

builder.Services.AddHostedService(services => new ReadyAnnouncement(services, identity, gateway.Resource));
builder.Build().Run();
