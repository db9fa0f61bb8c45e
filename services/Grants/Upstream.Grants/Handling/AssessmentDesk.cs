using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Grants;
using Upstream.Domain.Refusals;
using Upstream.Grants.Data;
using Upstream.Grants.Domain;
using Upstream.Messaging.Outbox;
using Upstream.ServiceDefaults.Batching;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Grants.Handling;

/// <summary>Assessing requests (staff assessors, conflicts excluded) and deciding them (staff; an award never overspends).</summary>
public sealed class AssessmentDesk(GrantsDb db, IEventOutbox outbox, TimeProvider clock, DecisionQueue<Guid, AwardAsk, Grant> awards)
{
    public async Task<Assessment> AssignAsync(Caller caller, Guid requestId, string assessor, string? assessorCouncilCode, CancellationToken cancellationToken)
    {
        caller.RequireStaff("assign assessors");
        var request = await FindAsync(requestId, cancellationToken);
        var assessment = Assessment.Assign(request, assessor, assessorCouncilCode, clock.GetUtcNow());
        db.Assessments.Add(assessment);
        await db.SaveAsync("this assessor's assessment of the request", cancellationToken);
        return assessment;
    }

    public async Task<Assessment> ScoreAsync(Caller caller, Guid requestId, IReadOnlyDictionary<string, int> scores, string comment, CancellationToken cancellationToken)
    {
        var (request, assessment) = await OwnAssessmentAsync(caller, requestId, cancellationToken);
        var fund = await FundDesk.FindAsync(db, request.FundId, cancellationToken);
        assessment.Score(request, fund.Criteria, scores, comment, clock.GetUtcNow());
        await db.SaveAsync("the assessment", cancellationToken);
        return assessment;
    }

    public async Task<Assessment> DeclareConflictAsync(Caller caller, Guid requestId, string conflict, CancellationToken cancellationToken)
    {
        var (_, assessment) = await OwnAssessmentAsync(caller, requestId, cancellationToken);
        assessment.DeclareConflict(conflict);
        await db.SaveAsync("the assessment", cancellationToken);
        return assessment;
    }

    public async Task<IReadOnlyList<Assessment>> ListAsync(Caller caller, Guid requestId, CancellationToken cancellationToken)
    {
        caller.RequireStaff("read assessments");
        return await db.Assessments.AsNoTracking().Where(a => a.RequestId == requestId).OrderBy(a => a.AssignedAt).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Queues the award for its request's fund: it is decided with whatever else is queued there, under the fund row's
    /// lock, so parallel awards can never overspend; the decider also checks the caller's conflicts of interest and the
    /// award's input against the fund, once for the whole batch (see <see cref="AwardDecisions"/>). Only the request's
    /// fund is read first, to know where to queue: checked per call, the rest were most of a burst's time.
    /// </summary>
    public async Task<Grant> AwardAsync(Caller caller, Guid requestId, long amountPence, string reason, IReadOnlyList<string> conditions, IReadOnlyList<DateOnly> reportDueDates, CancellationToken cancellationToken)
    {
        caller.RequireStaff("decide grant requests");
        var fundId = await db.GrantRequests.AsNoTracking().Where(r => r.Id == requestId).Select(r => (Guid?)r.FundId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No grant request {requestId}.");
        return await awards.DecideAsync(fundId, new AwardAsk(requestId, amountPence, caller.Subject, reason, conditions, reportDueDates), cancellationToken);
    }

    public async Task<GrantRequest> DeclineAsync(Caller caller, Guid requestId, string reason, CancellationToken cancellationToken)
    {
        var request = await DecidableAsync(caller, requestId, cancellationToken);
        var now = clock.GetUtcNow();
        request.Decline(caller.Subject, reason, now);
        outbox.Publish(new GrantDeclined(Guid.NewGuid(), now, request.Id, request.FundId, request.LeadCouncilCode, request.DecisionReason!), request.Id.ToString());
        await db.SaveAsync("the request", cancellationToken);
        return request;
    }

    /// <summary>Staff decide, but not a staff member excluded from assessing this request for a conflict of interest.</summary>
    private async Task<GrantRequest> DecidableAsync(Caller caller, Guid requestId, CancellationToken cancellationToken)
    {
        caller.RequireStaff("decide grant requests");
        var request = await FindAsync(requestId, cancellationToken);
        var conflicted = await db.Assessments.AnyAsync(a => a.RequestId == requestId && a.Assessor == caller.Subject && a.ConflictOfInterest != null, cancellationToken);
        if (conflicted)
        {
            throw Assessment.ConflictedDecider();
        }

        return request;
    }

    private async Task<(GrantRequest Request, Assessment Assessment)> OwnAssessmentAsync(Caller caller, Guid requestId, CancellationToken cancellationToken)
    {
        caller.RequireStaff("assess grant requests");
        var request = await FindAsync(requestId, cancellationToken);
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.RequestId == requestId && a.Assessor == caller.Subject, cancellationToken)
            ?? throw new PermissionDeniedException("You are not assigned to assess this request.");
        return (request, assessment);
    }

    private async Task<GrantRequest> FindAsync(Guid requestId, CancellationToken cancellationToken) =>
        await db.GrantRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken) ?? throw new NotFoundException($"No grant request {requestId}.");
}
