using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Upstream.ServiceDefaults.Configuration;

namespace Upstream.Gateway.Backends;

/// <summary>
/// Which backend owns each gRPC service. By convention a service in package upstream.NAME.v1 belongs to the
/// project the app host calls NAME; Gateway:Backends:&lt;service full name&gt; overrides that. Only services whose
/// backend has addresses configured are fronted: the others (not deployed here) get no routes at all.
/// A Gateway:Backends entry naming a service outside our contracts (a standard one such as grpc.testing.TestService)
/// is fronted for gRPC pass-through only.
/// </summary>
public sealed class BackendDirectory
{
    private readonly Dictionary<string, Backend> _byService = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Backend> _backends = new(StringComparer.Ordinal);
    private readonly IConfiguration _configuration;

    public BackendDirectory(IEnumerable<ServiceDescriptor> services, IConfiguration configuration)
    {
        _configuration = configuration;
        var fronted = new List<ServiceDescriptor>();
        foreach (var service in services)
        {
            var name = configuration[$"Gateway:Backends:{service.FullName}"] ?? ConventionalName(service);
            if (name is null)
            {
                continue;
            }

            if (Find(name) is not { } backend)
            {
                continue;
            }

            _byService[service.FullName] = backend;
            fronted.Add(service);
        }

        foreach (var entry in configuration.GetSection("Gateway:Backends").GetChildren().Where(e => !_byService.ContainsKey(e.Key) && e.Value is not null))
        {
            if (Find(entry.Value!) is { } backend)
            {
                _byService[entry.Key] = backend;
            }
        }

        Backends = [.. _backends.Values];
        Services = fronted;
    }

    public IReadOnlyList<Backend> Backends { get; }

    // One Backend per name, so services of one project share its replicas and their health.
    private Backend? Find(string name)
    {
        if (!_backends.TryGetValue(name, out var backend))
        {
            var addresses = _configuration.GetServiceEndpoints(name);
            if (addresses.Count == 0)
            {
                return null;
            }

            backend = _backends[name] = new Backend(name, [.. addresses.Select(a => new Replica(a))]);
        }

        return backend;
    }

    /// <summary>The services that have a backend, in catalogue order.</summary>
    public IReadOnlyList<ServiceDescriptor> Services { get; }

    public Backend? For(string serviceFullName) => _byService.GetValueOrDefault(serviceFullName);

    private static string? ConventionalName(ServiceDescriptor service)
    {
        var parts = service.File.Package.Split('.');
        return parts is ["upstream", var name, _] ? name : null;
    }
}
