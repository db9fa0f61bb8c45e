using Microsoft.Extensions.DependencyInjection;
using Upstream.Messaging.ErrorQueues;
using Upstream.Noticeboard.Messaging;

namespace Upstream.Integration.Tests.Messaging;

public sealed class DeadLetterTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_message_its_consumer_always_rejects_lands_in_the_error_queue_and_replay_delivers_it_once_fixed()
    {
        await using var board = await MessagingBoard.StartAsync(infrastructure.Shared);
        var faults = board.Services.GetRequiredService<ReceiptFaults>();
        var deadLetters = board.Services.GetRequiredService<DeadLetters>();
        faults.Failing = true;

        var notice = await board.PostAsync("rejected");
        var letters = await Eventually.ReturnsAsync(() => deadLetters.ListAsync(), l => l.Count > 0, "the message in the error queue");

        var letter = Assert.Single(letters);
        Assert.Equal("noticeboard-count-receipt", letter.Queue);
        Assert.Equal("The receipt book is closed.", letter.Reason);
        Assert.Equal(typeof(InvalidOperationException).FullName, letter.ExceptionType);
        Assert.Equal(2, letter.Retries);
        Assert.Equal("urn:message:Upstream.Noticeboard.Messaging:NoticePosted", letter.MessageType);
        Assert.Empty(await board.ReceiptsAsync());
        Assert.Single(await deadLetters.ListAsync()); // listing left it where it was

        faults.Failing = false;
        Assert.True(await deadLetters.ReplayAsync(letter.Queue, letter.MessageId));

        var receipts = await Eventually.ReturnsAsync(board.ReceiptsAsync, r => r.ContainsKey(notice), "the replayed receipt");
        Assert.Equal(new Dictionary<Guid, int> { [notice] = 1 }, receipts);
        Assert.Empty(await deadLetters.ListAsync());
        Assert.False(await deadLetters.ReplayAsync(letter.Queue, letter.MessageId)); // nothing left to replay twice
    }
}
