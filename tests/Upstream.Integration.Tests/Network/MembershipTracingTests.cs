using System.Diagnostics;
using Upstream.Contracts.Network;
using Upstream.Integration.Tests.Network.Members;

namespace Upstream.Integration.Tests.Network;

public sealed class MembershipTracingTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly ActivitySource Test = new("Upstream.Tests.Network");

    [Fact]
    public async Task MemberJoined_travels_in_the_trace_of_the_ApplicationSelected_that_caused_it()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MassTransit" || source.Name.StartsWith("Upstream", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var broker = await infrastructure.Shared.CreateVirtualHostAsync("member-trace");
        await using var joined = await EventTap.StartAsync<MemberJoined>(broker);
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure, broker);

        ActivityTraceId traceId;
        using (var selection = Test.StartActivity("confirm cohort")!)
        {
            traceId = selection.TraceId;
            await network.PublishAsync(MemberSeeding.Selection("ADU"));
        }

        await joined.WaitForAsync<MemberJoined>(1);

        Assert.Equal([traceId], joined.TracesOf<MemberJoined>());
    }
}
