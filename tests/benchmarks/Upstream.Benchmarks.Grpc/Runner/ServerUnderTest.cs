using System.Globalization;
using Upstream.Hosting.Processes;

namespace Upstream.Benchmarks.Grpc.Runner;

/// <summary>A server the benchmark measures, and how to start it on a given port.</summary>
internal sealed record ServerUnderTest(string Name, Func<int, ChildProcessSpec> Start)
{
    public const string Ours = "ours";
    public const string Bare = "bare";
    public const string Grpcio = "grpcio";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [Ours] = "our gRPC server (services/Upstream.Grpc) with its default interceptors, serving TestService.UnaryCall as the interop server does",
        [Bare] = "bare Kestrel HTTP/2 handler writing the same bytes (the ceiling)",
        [Grpcio] = "official grpcio server (Python, C-core; thread-pool server, 8 workers)",
    };

    public static IReadOnlyList<ServerUnderTest> All(BenchmarkSettings settings) =>
    [
        new(Ours, port => Self.Command("our-server", settings, "--port", Text(port))),
        new(Bare, port => Self.Command("bare-server", settings, "--port", Text(port))),
        new(Grpcio, port => new ChildProcessSpec("/usr/bin/python3", ["grpcio_server.py", Text(port)])
        {
            WorkingDirectory = Path.Combine(AppContext.BaseDirectory, "Peers"),
        }),
    ];

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
