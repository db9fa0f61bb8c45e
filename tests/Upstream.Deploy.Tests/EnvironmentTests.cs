using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Upstream.Deploy.Kubernetes;
using Upstream.Deploy.Tests.Infrastructure;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Deploy.Tests;

/// <summary>
/// A pod's environment (both ConfigMaps and the Secret's keys, filled as an operator would) read the way .NET reads
/// environment variables ("__" is ":"), then asked what the services ask: their connection strings, the token
/// settings, their Kestrel endpoints, and for the gateway every destination of its routes.
/// </summary>
[Collection(ManifestsCollection.Name)]
public sealed class EnvironmentTests(GeneratedManifests manifests)
{
    // A filled Secret: every key a distinct value; the signing key long enough for TokenSettings (and not base64).
    private static readonly string SigningKey = $"filled-signing-key-{new string('k', 32)}";

    private static string Filled(string key) => key == "signing-key" ? SigningKey : $"filled:{key}";

    [Fact]
    public void Every_service_finds_its_own_database_and_the_broker()
    {
        foreach (var project in manifests.Projects.Where(p => !p.IsPublic))
        {
            var configuration = ConfigurationOf(project.Name);
            Assert.Equal(Filled($"{project.Name}db"), configuration.GetConnectionString($"{project.Name}db"));
            Assert.Equal(Filled("messaging"), configuration.GetConnectionString("messaging"));
        }
    }

    [Fact]
    public void Every_project_validates_tokens_with_the_secrets_signing_key()
    {
        foreach (var project in manifests.Projects)
        {
            var settings = TokenSettings.From(ConfigurationOf(project.Name));
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(SigningKey), settings.SigningKey.Key);
        }
    }

    [Fact]
    public void Every_project_listens_on_all_interfaces_on_its_own_ports_and_names_itself_to_telemetry()
    {
        foreach (var project in manifests.Projects)
        {
            var configuration = ConfigurationOf(project.Name);
            AssertListens(configuration["Kestrel:Endpoints:http:Url"], project.HttpPort);
            AssertListens(configuration["Kestrel:Endpoints:grpc:Url"], project.GrpcPort);
            Assert.Equal(project.Name, configuration["OTEL_SERVICE_NAME"]);
            Assert.NotNull(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        }
    }

    [Fact]
    public void The_gateway_finds_every_destination_of_its_routes_at_the_services_kubernetes_address()
    {
        using var routes = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root(), "gateway", "Upstream.Gateway", "Routing", "routes.json")));
        var addresses = routes.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").EnumerateObject()
            .SelectMany(c => c.Value.GetProperty("Destinations").EnumerateObject())
            .Select(d => new Uri(d.Value.GetProperty("Address").GetString()!))
            .ToList();
        Assert.NotEmpty(addresses);

        var gateway = Assert.Single(manifests.Projects, p => p.IsPublic);
        var configuration = ConfigurationOf(gateway.Name);
        foreach (var address in addresses)
        {
            // Service discovery's form: http://_ENDPOINT.SERVICE reads services:SERVICE:ENDPOINT:0.
            var endpoint = address.Host[1..address.Host.IndexOf('.', StringComparison.Ordinal)];
            var service = manifests.Projects.Single(p => p.Name == address.Host[(address.Host.IndexOf('.', StringComparison.Ordinal) + 1)..]);
            var port = endpoint == "grpc" ? service.GrpcPort : service.HttpPort;
            Assert.Equal($"http://{service.Name}:{port}", configuration[$"services:{service.Name}:{endpoint}:0"]);
        }
    }

    private static void AssertListens(string? url, int port)
    {
        Assert.NotNull(url);
        var authority = url["http://".Length..];
        Assert.Contains(authority[..authority.LastIndexOf(':')], new[] { "*", "+", "0.0.0.0", "[::]" });
        Assert.Equal($":{port}", authority[authority.LastIndexOf(':')..]);
    }

    private IConfiguration ConfigurationOf(string name)
    {
        var container = manifests.Container(name);
        var environment = new Dictionary<string, string?>();
        foreach (var source in container.At("envFrom").Items())
        {
            foreach (var (key, value) in manifests.Find("ConfigMap", source.At("configMapRef", "name").Text()).At("data").Entries())
            {
                environment[key] = value.Text();
            }
        }

        foreach (var setting in container.At("env").Items())
        {
            environment[setting.At("name").Text()] = setting.Has("value")
                ? setting.At("value").Text()
                : Filled(setting.At("valueFrom", "secretKeyRef", "key").Text());
        }

        Assert.Equal(WorkloadManifests.TelemetryConfigMap, container.At("envFrom").Items()[0].At("configMapRef", "name").Text());
        return new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)))
            .Build();
    }
}
