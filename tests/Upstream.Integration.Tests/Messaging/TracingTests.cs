using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Upstream.Messaging.Outbox;
using Upstream.Noticeboard.Data;
using Upstream.Noticeboard.Messaging;

namespace Upstream.Integration.Tests.Messaging;

public sealed class TracingTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly ActivitySource Test = new("Upstream.Tests.Messaging");

    [Fact]
    public async Task The_consumer_s_work_joins_the_trace_of_the_work_that_published_the_event()
    {
        var finished = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MassTransit" || source.Name.StartsWith("Upstream", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = finished.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var board = await MessagingBoard.StartAsync(infrastructure.Shared);

        // The publisher's unit of work, inside a trace of its own (as a gRPC request would be).
        var posted = new NoticePosted(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "traced");
        ActivityTraceId traceId;
        using (var request = Test.StartActivity("post notice")!)
        using (var scope = board.Services.CreateScope())
        {
            traceId = request.TraceId;
            var db = scope.ServiceProvider.GetRequiredService<NoticeboardDb>();
            scope.ServiceProvider.GetRequiredService<IEventOutbox>().Publish(posted, posted.NoticeId.ToString());
            await db.SaveChangesAsync();
        }

        // The relay runs later, on another flow: only the stored traceparent and MassTransit's header can link them.
        var consumer = await Eventually.ReturnsAsync(
            () => Task.FromResult(finished.FirstOrDefault(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer && a.TraceId == traceId)),
            a => a is not null,
            "a consumer span in the publisher's trace");

        Assert.Equal(traceId, consumer!.TraceId);
        Assert.Contains(finished, a => a.Source.Name == "Upstream.Messaging" && a.OperationName == "outbox relay" && a.TraceId == traceId);
        Assert.Contains(finished, a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Producer && a.TraceId == traceId);
        Assert.Equal(new Dictionary<Guid, int> { [posted.NoticeId] = 1 }, await board.ReceiptsAsync());
    }
}
