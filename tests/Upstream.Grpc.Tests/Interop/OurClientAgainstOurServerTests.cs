using Upstream.Grpc.Client;

namespace Upstream.Grpc.Tests.Interop;

/// <summary>Our client through the 14 interop cases against our own server.</summary>
public sealed class OurClientAgainstOurServerTests(OurInteropServer server) : IClassFixture<OurInteropServer>
{
    public static TheoryData<string> Cases => InteropCases.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Our_client_passes_the_case_against_our_server(string testCase)
    {
        using var invoker = new HttpCallInvoker(server.Address);
        await InteropCases.RunAsync(testCase, invoker).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
