using Microsoft.EntityFrameworkCore;
using Upstream.Applications.Data;
using Upstream.Applications.Domain;
using Upstream.ServiceDefaults.Identity;
using Upstream.Domain.Refusals;

namespace Upstream.Applications.Handling;

/// <summary>Staff set up calls: drafted, revised while a draft, published; opening and closing then follow the clock.</summary>
public sealed class CallDesk(ApplicationsDb db, TimeProvider clock)
{
    public async Task<Call> DraftAsync(Caller caller, CallDetails details, CancellationToken cancellationToken)
    {
        caller.RequireStaff("draft calls");
        var call = Call.Draft(details, clock.GetUtcNow());
        db.Calls.Add(call);
        await db.SaveChangesAsync(cancellationToken);
        return call;
    }

    public async Task<Call> ReviseAsync(Caller caller, Guid callId, CallDetails details, CancellationToken cancellationToken)
    {
        caller.RequireStaff("change calls");
        var call = await GetAsync(callId, cancellationToken);
        call.Revise(details, clock.GetUtcNow());
        await SaveAsync(cancellationToken);
        return call;
    }

    public async Task<Call> PublishAsync(Caller caller, Guid callId, CancellationToken cancellationToken)
    {
        caller.RequireStaff("publish calls");
        var call = await GetAsync(callId, cancellationToken);
        call.Publish(clock.GetUtcNow());
        await SaveAsync(cancellationToken);
        return call;
    }

    public async Task<Call> GetAsync(Caller caller, Guid callId, CancellationToken cancellationToken)
    {
        var call = await GetAsync(callId, cancellationToken);
        return call.PublishedAt is not null || caller.IsStaff ? call : throw new NotFoundException($"No call {callId}.");
    }

    private async Task<Call> GetAsync(Guid callId, CancellationToken cancellationToken) =>
        await db.Calls.FirstOrDefaultAsync(c => c.Id == callId, cancellationToken) ?? throw new NotFoundException($"No call {callId}.");

    /// <summary>Published calls are public; drafts are for staff.</summary>
    public async Task<IReadOnlyList<Call>> ListAsync(Caller caller, CancellationToken cancellationToken) =>
        await db.Calls.Where(c => caller.IsStaff || c.PublishedAt != null).OrderByDescending(c => c.OpensAt).ToListAsync(cancellationToken);

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
