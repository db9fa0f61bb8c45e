using System.Reflection;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Upstream.Gateway.Contracts;

/// <summary>
/// Every gRPC service the contracts project declares, read from the descriptors protoc generated
/// (each .proto file's <c>&lt;File&gt;Reflection.Descriptor</c>). A service added to a .proto is found here
/// without touching the gateway.
/// </summary>
public static class ProtoCatalog
{
    public static IReadOnlyList<ServiceDescriptor> Services(Assembly contracts) =>
        [.. Files(contracts).SelectMany(f => f.Services).DistinctBy(s => s.FullName).OrderBy(s => s.FullName, StringComparer.Ordinal)];

    /// <summary>The services in the one contracts project, Upstream.Protos.</summary>
    public static IReadOnlyList<ServiceDescriptor> All() => Services(typeof(Upstream.Api.V1.AccessExtensions).Assembly);

    private static IEnumerable<FileDescriptor> Files(Assembly contracts) =>
        contracts.GetExportedTypes()
            .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>();
}
