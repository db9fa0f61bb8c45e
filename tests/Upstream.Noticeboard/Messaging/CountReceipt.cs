using Upstream.Messaging.Inbox;
using Upstream.Noticeboard.Data;

namespace Upstream.Noticeboard.Messaging;

/// <summary>Counts each posted notice: a deliberately non-idempotent change, so only the inbox keeps it at one.</summary>
public sealed class CountReceipt(NoticeboardDb db, ReceiptFaults faults) : IEventConsumer<NoticePosted>
{
    public async Task ConsumeAsync(NoticePosted integrationEvent, CancellationToken cancellationToken)
    {
        if (faults.Failing)
        {
            throw new InvalidOperationException("The receipt book is closed.");
        }

        var receipt = await db.Receipts.FindAsync([integrationEvent.NoticeId], cancellationToken);
        if (receipt is null)
        {
            db.Receipts.Add(new NoticeReceipt { NoticeId = integrationEvent.NoticeId, Receipts = 1 });
        }
        else
        {
            receipt.Receipts++;
        }
    }
}

/// <summary>Lets a test break the consumer (and mend it) to exercise retries, the error queue and replay.</summary>
public sealed class ReceiptFaults
{
    private bool _failing;

    public bool Failing
    {
        get => Volatile.Read(ref _failing);
        set => Volatile.Write(ref _failing, value);
    }
}
