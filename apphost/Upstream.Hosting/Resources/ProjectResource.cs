using System.Xml.Linq;
using Upstream.Hosting.Infrastructure;
using Upstream.Hosting.Model;
using Upstream.Hosting.Processes;

namespace Upstream.Hosting.Resources;

/// <summary>
/// A .NET project run from its build output, one process per replica, each on its own loopback port, with
/// exactly the environment Aspire would give it. A crashed replica is reported, not restarted.
/// </summary>
public sealed class ProjectResource(string name, string projectPath) : Resource(name)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };
    // Replaced whole on a restart, never changed in place: health checks and the dashboard read it meanwhile.
    private volatile IReadOnlyList<ChildProcess> _replicas = [];
    private IReadOnlyDictionary<string, string> _environment = new Dictionary<string, string>();

    public override string Type => "Project";

    public string ProjectPath { get; } = projectPath;

    public int Replicas { get; internal set; } = 1;

    public string? HealthCheckPath { get; internal set; }

    /// <summary>One address per replica, fixed before any project starts so references can be injected.</summary>
    public IReadOnlyList<Uri> Endpoints { get; private set; } = [];

    /// <summary>Whether the project also has an HTTP/2-only <c>grpc</c> endpoint (Kestrel:Endpoints:grpc) beside <c>http</c>.</summary>
    public bool HasGrpcEndpoint { get; internal set; }

    /// <summary>One HTTP/2-only address per replica when <see cref="HasGrpcEndpoint"/>.</summary>
    public IReadOnlyList<Uri> GrpcEndpoints { get; private set; } = [];

    internal void AllocateEndpoints(AppHostOptions options)
    {
        var first = options.Ports.TryGetValue(Name, out var fixedPort) ? fixedPort : (int?)null;
        Endpoints = [.. Enumerable.Range(0, Replicas).Select(i => new Uri($"http://127.0.0.1:{(first is { } p ? p + i : FreePort.Next())}"))];
        GrpcEndpoints = HasGrpcEndpoint ? [.. Enumerable.Range(0, Replicas).Select(_ => new Uri($"http://127.0.0.1:{FreePort.Next()}"))] : [];
    }

    internal override Task StartAsync(AppHostContext context, CancellationToken cancellationToken)
    {
        var project = Path.GetFullPath(Path.Combine(context.Options.RepositoryRoot, ProjectPath));
        var assembly = AssemblyPath(project, context.Options.BuildConfiguration);
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} does not exist: build the solution first (dotnet build Upstream.sln -c {context.Options.BuildConfiguration}).");
        }

        // A restart: the old replicas have exited; their output went with them, as a new run's console starts afresh.
        foreach (var old in _replicas)
        {
            _ = old.DisposeAsync().AsTask();
        }

        var started = new List<ChildProcess>();
        try
        {
            for (var replica = 0; replica < Replicas; replica++)
            {
                var variables = new Dictionary<string, string>
                {
                    ["ASPNETCORE_URLS"] = Endpoints[replica].ToString().TrimEnd('/'),
                    ["ASPNETCORE_ENVIRONMENT"] = "Development",
                    ["DOTNET_ENVIRONMENT"] = "Development",
                    ["OTEL_SERVICE_NAME"] = Name,
                    ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Name}-{replica}",
                    ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
                    ["OTEL_BLRP_SCHEDULE_DELAY"] = "1000",
                    ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
                };
                if (context.Options.OtlpEndpoint is { } otlp)
                {
                    variables["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.ToString().TrimEnd('/');
                    variables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                    if (context.Options.OtlpApiKey is { } key)
                    {
                        variables["OTEL_EXPORTER_OTLP_HEADERS"] = $"x-otlp-api-key={key}";
                    }
                }

                if (HasGrpcEndpoint)
                {
                    // The project names its endpoints in Kestrel:Endpoints, which win over ASPNETCORE_URLS.
                    variables["Kestrel__Endpoints__http__Url"] = variables["ASPNETCORE_URLS"];
                    variables["Kestrel__Endpoints__grpc__Url"] = GrpcEndpoints[replica].ToString().TrimEnd('/');
                }

                var environment = new EnvironmentContext(variables, replica);
                foreach (var callback in EnvironmentCallbacks)
                {
                    callback(environment);
                }

                if (replica == 0)
                {
                    _environment = new SortedDictionary<string, string>(variables, StringComparer.Ordinal);
                }

                started.Add(ChildProcess.Start(new ChildProcessSpec("dotnet", [assembly])
                {
                    WorkingDirectory = Path.GetDirectoryName(project),
                    Environment = variables.ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
                }));
            }
        }
        finally
        {
            _replicas = started; // even after a failed start, so stopping reaches every process that did start
        }

        Update(s => s with { ProcessId = started[0].Id, Endpoints = [.. Endpoints, .. GrpcEndpoints] });
        return Task.CompletedTask;
    }

    /// <summary>bin/CONFIG/TFM/NAME.dll, with the assembly name and target framework read from the project file.</summary>
    private static string AssemblyPath(string projectFile, string configuration)
    {
        var xml = XDocument.Load(projectFile);
        string? Property(string name) => xml.Descendants(name).FirstOrDefault()?.Value;
        var assemblyName = Property("AssemblyName") ?? Path.GetFileNameWithoutExtension(projectFile);
        var framework = Property("TargetFramework") ?? "net10.0";
        return Path.Combine(Path.GetDirectoryName(projectFile)!, "bin", configuration, framework, assemblyName + ".dll");
    }

    internal override async Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var replicas = _replicas;
        if (replicas.Count == 0 || replicas.Any(r => r.HasExited))
        {
            return HealthStatus.Unhealthy;
        }

        if (HealthCheckPath is null)
        {
            return HealthStatus.Healthy;
        }

        foreach (var endpoint in Endpoints)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri(endpoint, HealthCheckPath), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return HealthStatus.Unhealthy;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return HealthStatus.Unhealthy;
            }
        }

        return HealthStatus.Healthy;
    }

    internal override Task StopAsync() => Task.WhenAll(_replicas.Select(r => r.StopAsync(TimeSpan.FromSeconds(35))));

    internal override Task<int> ExitedUnexpectedly => _replicas.Count == 0
        ? base.ExitedUnexpectedly
        : Task.WhenAny(_replicas.Select(r => r.Exited)).Unwrap();

    public override IReadOnlyDictionary<string, string> Environment => _environment;

    internal override IReadOnlyList<string> RecentOutput =>
        [.. _replicas.SelectMany((r, i) => r.RecentOutput.Select(line => Replicas > 1 ? $"[{i}] {line}" : line))];
}
