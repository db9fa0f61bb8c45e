using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Upstream.Noticeboard.Messaging;

namespace Upstream.Integration.Tests.Messaging;

public sealed class InboxTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task The_same_message_delivered_twice_changes_the_consumer_s_state_once()
    {
        await using var board = await MessagingBoard.StartAsync(infrastructure.Shared);
        var bus = board.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedMessages();
        using var _ = bus.ConnectConsumeObserver(consumed);
        var posted = new NoticePosted(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "twice");

        // As a broker redelivery or a second relay would: the same message id, twice, close enough to overlap.
        await Task.WhenAll(
            bus.Publish(posted, context => context.MessageId = posted.EventId),
            bus.Publish(posted, context => context.MessageId = posted.EventId));

        await Eventually.ReturnsAsync(() => Task.FromResult(consumed.Count(posted.EventId)), n => n == 2, "both deliveries to be consumed");
        Assert.Equal(new Dictionary<Guid, int> { [posted.NoticeId] = 1 }, await board.ReceiptsAsync());
        Assert.Equal(1, await board.CountAsync($"SELECT count(*) FROM inbox_messages WHERE message_id = '{posted.EventId}'"));
    }

    /// <summary>Counts completed consumptions per message id, whatever the consumer decided to do with them.</summary>
    private sealed class ConsumedMessages : IConsumeObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> _counts = new();

        public int Count(Guid messageId) => _counts.GetValueOrDefault(messageId);

        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            _counts.AddOrUpdate(context.MessageId ?? Guid.Empty, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }
}
