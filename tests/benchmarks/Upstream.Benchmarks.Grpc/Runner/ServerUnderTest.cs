using System.Globalization;
using Upstream.Benchmarks.Grpc.Servers;
using Upstream.Hosting.Processes;

namespace Upstream.Benchmarks.Grpc.Runner;

/// <summary>
/// A server the benchmark measures, how to start it on a given port, and the request headers every call to it
/// carries beyond the gRPC ones (a bearer token where the server requires authorization).
/// </summary>
internal sealed record ServerUnderTest(string Name, string Description, Func<int, ChildProcessSpec> Start, IReadOnlyList<string> Headers)
{
    public const string Ours = "ours";
    public const string OursApi = "ours+api";
    public const string OursJwt = "ours+api+jwt";
    public const string ServiceQuiet = "service-quiet";
    public const string Service = "service";
    public const string Bare = "bare";
    public const string Grpcio = "grpcio";

    public static IReadOnlyList<ServerUnderTest> All(BenchmarkSettings settings, Credentials credentials)
    {
        string[] bearer = [credentials.AuthorizationHeader];
        return
        [
            OurServer(Ours, OurSetup.Default, [],
                "Grpc.AspNetCore, default set-up (AddGrpc, MapGrpcService), serving TestService.UnaryCall as the interop server does"),
            OurServer(OursApi, OurSetup.Api, [],
                "ours plus AddGrpcApi/MapGrpcApi: the error-translating interceptor, JSON transcoding, reflection, grpc health"),
            OurServer(OursJwt, OurSetup.Authenticated, bearer,
                "ours+api plus AddServiceAuthentication (JWT bearer, HMAC-SHA256), UseAuthentication/UseAuthorization and RequireAuthorization; every call carries a bearer token"),
            OurServer(ServiceQuiet, OurSetup.Service, bearer,
                "service, but with ASP.NET Core's own logs at Warning (Logging__LogLevel__Microsoft.AspNetCore, as the ASP.NET Core templates set it): no per-request log lines",
                QuietAspNetCore),
            OurServer(Service, OurSetup.Service, bearer,
                "a whole service as ApplicationsApp wires one: ours+api+jwt plus the full builder (default logging: console at Information), AddServiceDefaults (telemetry without OTLP export, health checks) and MapDefaultEndpoints"),
            new(Bare, "bare Kestrel HTTP/2 handler writing the same bytes (the ceiling)",
                port => Self.Command("bare-server", settings, null, "--port", Text(port)), []),
            new(Grpcio, "official grpcio server (Python, C-core; thread-pool server, 8 workers)",
                port => new ChildProcessSpec("/usr/bin/python3", ["grpcio_server.py", Text(port)])
                {
                    WorkingDirectory = Path.Combine(AppContext.BaseDirectory, "Peers"),
                }, []),
        ];

        ServerUnderTest OurServer(string name, OurSetup setup, IReadOnlyList<string> headers, string description, IReadOnlyDictionary<string, string?>? environment = null) =>
            new(name, description, port => credentials.Apply(Self.Command("our-server", settings, environment, "--port", Text(port), "--setup", setup.ToString())), headers);
    }

    private static readonly Dictionary<string, string?> QuietAspNetCore = new() { ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning" };

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
