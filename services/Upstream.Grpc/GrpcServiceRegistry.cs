using Google.Protobuf.Reflection;

namespace Upstream.Grpc;

/// <summary>The services and methods this server maps: what server reflection and health checks report.</summary>
public sealed class GrpcServiceRegistry
{
    private readonly Lock gate = new();
    private readonly List<ServiceDescriptor> services = [];
    private readonly Dictionary<string, IMethod> methods = new(StringComparer.Ordinal);

    /// <summary>Descriptors of the mapped services, in the order they were mapped.</summary>
    public IReadOnlyList<ServiceDescriptor> Services
    {
        get
        {
            lock (gate)
            {
                return [.. services];
            }
        }
    }

    /// <summary>Every mapped method by its path (<c>/package.Service/Method</c>).</summary>
    public IReadOnlyDictionary<string, IMethod> Methods
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, IMethod>(methods, StringComparer.Ordinal);
            }
        }
    }

    public bool IsServiceMapped(string serviceName)
    {
        lock (gate)
        {
            foreach (var method in methods.Values)
            {
                if (method.ServiceName == serviceName)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private bool unimplementedRouteMapped;

    /// <summary>True the first time only: the catch-all UNIMPLEMENTED route is mapped once per application.</summary>
    internal bool TryClaimUnimplementedRoute()
    {
        lock (gate)
        {
            var first = !unimplementedRouteMapped;
            unimplementedRouteMapped = true;
            return first;
        }
    }

    internal void Add(ServiceDescriptor descriptor)
    {
        lock (gate)
        {
            if (!services.Contains(descriptor))
            {
                services.Add(descriptor);
            }
        }
    }

    internal void Add(IMethod method)
    {
        lock (gate)
        {
            if (!methods.TryAdd(method.FullName, method))
            {
                throw new InvalidOperationException($"The gRPC method {method.FullName} is mapped twice.");
            }
        }
    }
}
