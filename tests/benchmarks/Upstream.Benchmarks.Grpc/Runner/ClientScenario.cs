namespace Upstream.Benchmarks.Grpc.Runner;

/// <summary>A client load run: which caller (see the `client` command) against which server.</summary>
internal sealed record ClientScenario(string Name, string Caller, string Server)
{
    public const string RawCaller = "raw";
    public const string GrpcCaller = "grpc";
    public const string GrpcToOurs = "Grpc.Net.Client -> ours";
    public const string GrpcToBare = "Grpc.Net.Client -> bare";
    public const string RawToBare = "HttpClient -> bare";

    public static IReadOnlyList<ClientScenario> All =>
    [
        new(GrpcToOurs, GrpcCaller, ServerUnderTest.Ours),
        new(GrpcToBare, GrpcCaller, ServerUnderTest.Bare),
        new(RawToBare, RawCaller, ServerUnderTest.Bare),
    ];
}
