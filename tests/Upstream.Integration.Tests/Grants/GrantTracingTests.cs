using System.Collections.Concurrent;
using System.Diagnostics;
using Upstream.Contracts.Grants;

namespace Upstream.Integration.Tests.Grants;

/// <summary>An award's trace runs from the staff tool's gRPC call, through the outbox, to the consumers of GrantAwarded.</summary>
public sealed class GrantTracingTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly ActivitySource Test = new("Upstream.Tests.Grants");

    [Fact]
    public async Task The_consumers_of_GrantAwarded_join_the_trace_of_the_award_request()
    {
        var finished = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MassTransit" || source.Name.StartsWith("Upstream", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = finished.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        await using var events = await GrantsHost.TapAsync(grants.Host.Broker);
        await grants.JoinAsync(("BIR", "Birmingham City Council", "E08000025"));
        var fund = await grants.OpenFundAsync();
        var request = await grants.UnderAssessmentAsync(fund, "BIR");

        ActivityTraceId traceId;
        using (var award = Test.StartActivity("award from the staff tool")!)
        {
            traceId = award.TraceId;
            await grants.Assessments.AwardGrantAsync(GrantsHost.Award(request.RequestId), grants.Staff);
        }

        await events.WaitForAsync<GrantAwarded>(1);
        var consumer = await Eventually.ReturnsAsync(
            () => Task.FromResult(finished.FirstOrDefault(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer && a.TraceId == traceId)),
            a => a is not null,
            "the GrantAwarded consumer's span in the award's trace");
        Assert.Contains("GrantAwarded", consumer!.DisplayName + string.Join(" ", consumer.Tags.Select(t => t.Value)), StringComparison.Ordinal);
        Assert.Contains(finished, a => a.Source.Name == "Upstream.Messaging" && a.OperationName == "outbox relay" && a.TraceId == traceId);
    }
}
