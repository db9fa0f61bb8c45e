using Upstream.Benchmarks.Grpc.Runner;
using Upstream.Benchmarks.Grpc.Workload;

namespace Upstream.Benchmarks.Grpc.Load;

internal static class Callers
{
    public static IUnaryCaller Create(string name, Uri server, UnaryWorkload workload) => name switch
    {
        ClientScenario.GrpcCaller => new GrpcClientCaller(server, workload),
        ClientScenario.RawCaller => new RawHttpCaller(server, workload),
        _ => throw new ArgumentException($"Unknown caller '{name}'."),
    };
}
