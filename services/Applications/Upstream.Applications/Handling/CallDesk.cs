using Microsoft.EntityFrameworkCore;
using Upstream.Applications.Data;
using Upstream.Applications.Domain;

namespace Upstream.Applications.Handling;

/// <summary>Staff set up calls: drafted, revised while a draft, published; opening and closing then follow the clock.</summary>
public sealed class CallDesk(ApplicationsDb db, TimeProvider clock)
{
    public async Task<Call> DraftAsync(CallDetails details, CancellationToken cancellationToken)
    {
        var call = Call.Draft(details, clock.GetUtcNow());
        db.Calls.Add(call);
        await db.SaveChangesAsync(cancellationToken);
        return call;
    }

    public async Task<Call> ReviseAsync(Guid callId, CallDetails details, CancellationToken cancellationToken)
    {
        var call = await GetAsync(callId, cancellationToken);
        call.Revise(details, clock.GetUtcNow());
        await SaveAsync(cancellationToken);
        return call;
    }

    public async Task<Call> PublishAsync(Guid callId, CancellationToken cancellationToken)
    {
        var call = await GetAsync(callId, cancellationToken);
        call.Publish(clock.GetUtcNow());
        await SaveAsync(cancellationToken);
        return call;
    }

    public async Task<Call> GetAsync(Guid callId, CancellationToken cancellationToken) =>
        await db.Calls.FirstOrDefaultAsync(c => c.Id == callId, cancellationToken) ?? throw new NotFoundException($"No call {callId}.");

    public async Task<IReadOnlyList<Call>> ListAsync(CancellationToken cancellationToken) =>
        await db.Calls.OrderByDescending(c => c.OpensAt).ToListAsync(cancellationToken);

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The call was changed by someone else meanwhile; reload it and try again.");
        }
    }
}
