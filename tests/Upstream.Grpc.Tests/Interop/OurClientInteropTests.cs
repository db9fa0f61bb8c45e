using Upstream.Grpc.Client;
using Upstream.Grpc.Tests.Node;

namespace Upstream.Grpc.Tests.Interop;

/// <summary>Our client through the 14 interop cases, against the official grpc-js server and against our own.</summary>
public sealed class OurClientInteropTests(GrpcJsServer grpcJs, InteropServerFixture ours)
    : IClassFixture<GrpcJsServer>, IClassFixture<InteropServerFixture>
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var server in new[] { "grpc-js", "ours" })
            {
                foreach (var name in InteropCases.Names)
                {
                    cases.Add(server, name);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Our_client_passes_the_case(string server, string testCase)
    {
        using var invoker = new HttpCallInvoker(server == "grpc-js" ? grpcJs.Address : ours.Address);
        await InteropCases.RunAsync(testCase, invoker).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
