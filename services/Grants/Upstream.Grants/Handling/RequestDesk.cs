using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Grants;
using Upstream.Domain.Refusals;
using Upstream.Grants.Data;
using Upstream.Grants.Domain;
using Upstream.Messaging.Outbox;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Grants.Handling;

/// <summary>A member council's requests: drafted, revised, submitted in the window, withdrawn; read by their councils and staff.</summary>
public sealed class RequestDesk(GrantsDb db, IEventOutbox outbox, TimeProvider clock)
{
    /// <param name="details">A member's lead council is its own when it names none.</param>
    public async Task<GrantRequest> DraftAsync(Caller caller, Guid fundId, RequestDetails details, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(details.LeadCouncilCode) && !caller.IsStaff)
        {
            details = details with { LeadCouncilCode = caller.CouncilCode ?? "" };
        }

        Access.RequireCouncil(caller, [details.LeadCouncilCode], "request grants for a council");
        var fund = await FundDesk.FindAsync(db, fundId, cancellationToken);
        var request = GrantRequest.Draft(fund, details, caller.Subject, clock.GetUtcNow());
        await RequireCurrentMembersAsync(request.Councils, cancellationToken);
        db.GrantRequests.Add(request);
        await db.SaveAsync("the request", cancellationToken);
        return request;
    }

    public async Task<GrantRequest> ReviseAsync(Caller caller, Guid requestId, RequestDetails details, CancellationToken cancellationToken)
    {
        var request = await FindAsync(requestId, cancellationToken);
        Access.RequireCouncil(caller, [request.LeadCouncilCode], "change the request");
        var fund = await FundDesk.FindAsync(db, request.FundId, cancellationToken);
        request.Revise(fund, string.IsNullOrWhiteSpace(details.LeadCouncilCode) ? details with { LeadCouncilCode = request.LeadCouncilCode } : details);
        await RequireCurrentMembersAsync(request.Councils, cancellationToken);
        await db.SaveAsync("the request", cancellationToken);
        return request;
    }

    /// <summary>Only in the fund's window, and only while every council of the request is still a member.</summary>
    public async Task<GrantRequest> SubmitAsync(Caller caller, Guid requestId, CancellationToken cancellationToken)
    {
        var request = await FindAsync(requestId, cancellationToken);
        Access.RequireCouncil(caller, [request.LeadCouncilCode], "submit the request");
        var fund = await FundDesk.FindAsync(db, request.FundId, cancellationToken);
        await RequireCurrentMembersAsync(request.Councils, cancellationToken);
        var now = clock.GetUtcNow();
        request.Submit(fund, now);
        outbox.Publish(
            new GrantRequested(Guid.NewGuid(), now, request.Id, request.FundId, request.LeadCouncilCode, [.. request.PartnerCouncilCodes], request.Title, request.Purpose, request.AmountPence),
            request.Id.ToString());
        await db.SaveAsync("the request", cancellationToken);
        return request;
    }

    public async Task<GrantRequest> WithdrawAsync(Caller caller, Guid requestId, string reason, CancellationToken cancellationToken)
    {
        var request = await FindAsync(requestId, cancellationToken);
        Access.RequireCouncil(caller, [request.LeadCouncilCode], "withdraw the request");
        request.Withdraw(caller.Subject, reason, clock.GetUtcNow());
        await db.SaveAsync("the request", cancellationToken);
        return request;
    }

    /// <summary>A request someone may not see is reported as missing, so its existence is not given away.</summary>
    public async Task<GrantRequest> GetAsync(Caller caller, Guid requestId, CancellationToken cancellationToken)
    {
        caller.RequireSignedIn("read requests");
        var request = await FindAsync(requestId, cancellationToken);
        return caller.IsStaff || (caller.Is(Roles.Member) && request.Councils.Any(caller.ActsFor))
            ? request
            : throw new NotFoundException($"No grant request {requestId}.");
    }

    public async Task<IReadOnlyList<GrantRequest>> ListAsync(Caller caller, Guid fundId, CancellationToken cancellationToken)
    {
        caller.RequireSignedIn("read requests");
        if (!(caller.IsStaff || caller.Is(Roles.Member)))
        {
            throw new PermissionDeniedException("Only programme staff and members can read grant requests.");
        }

        var requests = await db.GrantRequests.AsNoTracking().Where(r => r.FundId == fundId).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        return caller.IsStaff ? requests : [.. requests.Where(r => r.Councils.Any(caller.ActsFor))];
    }

    private async Task<GrantRequest> FindAsync(Guid requestId, CancellationToken cancellationToken) =>
        await db.GrantRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken) ?? throw new NotFoundException($"No grant request {requestId}.");

    private async Task RequireCurrentMembersAsync(IReadOnlyList<string> councils, CancellationToken cancellationToken)
    {
        var current = await db.MemberCouncils.Where(m => councils.Contains(m.CouncilCode) && m.Current).Select(m => m.CouncilCode).ToListAsync(cancellationToken);
        var outsiders = councils.Where(c => !current.Contains(c)).ToList();
        if (outsiders.Count > 0)
        {
            throw new DomainRuleException("member_council", $"Only current members of the network may apply; not a current member: {string.Join(", ", outsiders)}.");
        }
    }
}
