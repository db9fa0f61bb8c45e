using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Upstream.Deploy.Tests.Infrastructure;

/// <summary>A project of the app model as the tests expect to find it deployed: its ports read from its own appsettings.json.</summary>
public sealed record AppProject(string Name, int Replicas, int HttpPort, int GrpcPort, bool IsPublic)
{
    /// <summary>Every project the real app host declares (in publish mode), independently of the generator's reading.</summary>
    public static async Task<IReadOnlyList<AppProject>> ReadAsync()
    {
        var output = Directory.CreateTempSubdirectory("upstream-deploy-tests-");
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Upstream_AppHost>(
                ["--publisher", "manifest", "--output-path", output.FullName]);
            return builder.Resources.OfType<ProjectResource>().Select(project =>
            {
                var settings = Path.Combine(Path.GetDirectoryName(project.GetProjectMetadata().ProjectPath)!, "appsettings.json");
                using var json = JsonDocument.Parse(File.ReadAllText(settings));
                var endpoints = json.RootElement.GetProperty("Kestrel").GetProperty("Endpoints");
                return new AppProject(
                    project.Name,
                    project.GetReplicaCount(),
                    new Uri(endpoints.GetProperty("http").GetProperty("Url").GetString()!).Port,
                    new Uri(endpoints.GetProperty("grpc").GetProperty("Url").GetString()!).Port,
                    project.Annotations.OfType<EndpointAnnotation>().Any(e => e.IsExternal));
            }).ToList();
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
