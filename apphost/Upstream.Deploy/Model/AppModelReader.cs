using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Upstream.Deploy.Model;

/// <summary>
/// Builds the real app host's model in publish mode (its own Program runs; nothing is started) and reads every project
/// resource in it, so a service added to the app host appears in the manifests without a change here. Environment
/// values come from Aspire's own manifest writer, so names and references are exactly what `--publisher manifest`
/// writes.
/// </summary>
public static class AppModelReader
{
    public static async Task<DeploymentModel> ReadAsync(CancellationToken cancellationToken = default)
    {
        var output = Directory.CreateTempSubdirectory("upstream-deploy-");
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Upstream_AppHost>(
                ["--publisher", "manifest", "--output-path", output.FullName], cancellationToken);
            if (!builder.ExecutionContext.IsPublishMode)
            {
                throw new InvalidOperationException("The app host did not build its model in publish mode.");
            }

            await using var app = await builder.BuildAsync(cancellationToken);
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            var secrets = model.Resources.Where(IsSecret).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
            var projects = model.Resources.OfType<ProjectResource>().ToList();
            var translator = new ExpressionTranslator(secrets, projects.ToDictionary(p => p.Name, Ports));

            var workloads = new List<Workload>();
            foreach (var project in projects)
            {
                var environment = await ManifestEnvironmentAsync(builder.ExecutionContext, project, output.FullName, cancellationToken);
                var settings = environment.Select(pair => translator.Translate(pair.Key, pair.Value)).OfType<Setting>()
                    .Append(Setting.Plain("OTEL_SERVICE_NAME", project.Name))
                    .ToList();
                workloads.Add(new Workload(project.Name, project.GetReplicaCount(), Ports(project), settings, PlainEndpoints(project).Any(e => e.IsExternal)));
            }

            return new DeploymentModel(workloads, secrets);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    // Connection strings (in publish mode, parameters the operator fills) and parameters such as the signing key.
    private static bool IsSecret(IResource resource) => resource is ParameterResource or ConnectionStringResource;

    // Plain-text endpoints only (the projects' http and grpc, from Kestrel:Endpoints): TLS ends at the Ingress.
    private static IEnumerable<EndpointAnnotation> PlainEndpoints(ProjectResource project) =>
        project.Annotations.OfType<EndpointAnnotation>().Where(e => e.UriScheme == "http");

    private static IReadOnlyDictionary<string, int> Ports(ProjectResource project) => PlainEndpoints(project).ToDictionary(
        e => e.Name,
        e => e.TargetPort ?? throw new InvalidOperationException($"{project.Name}'s {e.Name} endpoint has no port."));

    private static async Task<IReadOnlyDictionary<string, string>> ManifestEnvironmentAsync(
        DistributedApplicationExecutionContext execution, ProjectResource project, string output, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            var context = new ManifestPublishingContext(execution, Path.Combine(output, "aspire-manifest.json"), writer, cancellationToken);
            writer.WriteStartObject();
            await context.WriteEnvironmentVariablesAsync(project);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray()));
        return document.RootElement.TryGetProperty("env", out var env)
            ? env.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")
            : new Dictionary<string, string>();
    }
}
