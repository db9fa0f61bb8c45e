using System.Collections.Concurrent;
using System.Diagnostics;
using Upstream.Contracts.Network;
using Upstream.Events.V1;

namespace Upstream.Integration.Tests.Events;

/// <summary>A council joining is one trace: Network's MemberJoined, Events consuming it, and the invitation written.</summary>
public sealed class EventTracingTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly ActivitySource Test = new("Upstream.Tests.Events");

    [Fact]
    public async Task The_invitation_written_for_a_joining_council_is_in_the_trace_of_MemberJoined()
    {
        var finished = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MassTransit" or "Npgsql" || source.Name.StartsWith("Upstream", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = finished.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        var residential = await events.ScheduleAsync(EventsHost.Residential());

        ActivityTraceId traceId;
        using (var joining = Test.StartActivity("Network publishes MemberJoined")!)
        {
            traceId = joining.TraceId;
            await events.PublishAsync(new MemberJoined(Guid.NewGuid(), events.Clock.Now, Guid.NewGuid(), "BIR", "Birmingham City Council", "West Midlands", "Metropolitan district", "E08000025", ["urban"], "Initiative", [], false));
        }

        await Eventually.ReturnsAsync(
            async () => (await events.Events.ListEventInvitationsAsync(new ListEventInvitationsRequest { ProgrammeEventId = residential.ProgrammeEventId }, events.Staff)).Invitations.Count,
            n => n == 1,
            "the invitation");
        var consumer = await Eventually.ReturnsAsync(
            () => Task.FromResult(finished.FirstOrDefault(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer && a.TraceId == traceId)),
            a => a is not null,
            "the MemberJoined consumer's span in the joining's trace");
        Assert.Contains("MemberJoined", consumer!.DisplayName + string.Join(" ", consumer.Tags.Select(t => t.Value)), StringComparison.Ordinal);
        await Eventually.ReturnsAsync(
            () => Task.FromResult(finished.Any(a => a.Source.Name == "Npgsql" && a.TraceId == traceId && string.Join(" ", a.Tags.Select(t => t.Value)).Contains("invitations", StringComparison.Ordinal))),
            written => written,
            "the invitation's INSERT in the joining's trace");
    }
}
