using Grpc.Net.Client;
using Upstream.Grpc.Tests.Node;

namespace Upstream.Grpc.Tests.Interop;

/// <summary>Grpc.Net.Client, as our services and tools use it, through the 14 interop cases, against the official grpc-js server and against our Grpc.AspNetCore server.</summary>
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
        using var channel = GrpcChannel.ForAddress(server == "grpc-js" ? grpcJs.Address : ours.Address);
        await InteropCases.RunAsync(testCase, channel.CreateCallInvoker()).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
