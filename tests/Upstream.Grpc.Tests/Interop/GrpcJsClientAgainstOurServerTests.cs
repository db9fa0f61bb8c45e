using Upstream.Grpc.Tests.Node;

namespace Upstream.Grpc.Tests.Interop;

/// <summary>The official grpc-js client through the 14 interop cases against our server.</summary>
public sealed class GrpcJsClientAgainstOurServerTests(InteropServerFixture server) : IClassFixture<InteropServerFixture>
{
    public static TheoryData<string> Cases => new(InteropCases.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Grpc_js_client_passes_the_case_against_our_server(string testCase)
    {
        var (exitCode, output) = await NodeInterop.RunClientAsync(server.Port, testCase, TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"grpc-js interop_client.js --case {testCase} failed (exit {exitCode}): {output}");
    }
}
