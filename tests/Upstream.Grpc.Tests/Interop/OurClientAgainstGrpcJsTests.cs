using Upstream.Grpc.Client;
using Upstream.Grpc.Tests.Node;

namespace Upstream.Grpc.Tests.Interop;

/// <summary>Our client through the 14 interop cases against the official grpc-js server.</summary>
public sealed class OurClientAgainstGrpcJsTests(GrpcJsServer server) : IClassFixture<GrpcJsServer>
{
    public static TheoryData<string> Cases => InteropCases.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Interop_case_passes_against_grpc_js(string testCase)
    {
        using var invoker = new HttpCallInvoker(server.Address);
        await InteropCases.RunAsync(testCase, invoker).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
