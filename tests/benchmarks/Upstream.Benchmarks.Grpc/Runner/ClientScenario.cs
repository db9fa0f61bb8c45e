namespace Upstream.Benchmarks.Grpc.Runner;

/// <summary>A client load run: which caller (see the `client` command) against which server.</summary>
internal sealed record ClientScenario(string Name, string Caller, string Server)
{
    public const string RawCaller = "raw";
    public const string OurCaller = "ours";
    public const string OursToOurs = "our client -> ours";
    public const string OursToBare = "our client -> bare";
    public const string RawToBare = "HttpClient -> bare";

    public static IReadOnlyList<ClientScenario> All =>
    [
        new(OursToOurs, OurCaller, ServerUnderTest.Ours),
        new(OursToBare, OurCaller, ServerUnderTest.Bare),
        new(RawToBare, RawCaller, ServerUnderTest.Bare),
    ];
}
