using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Network;
using Upstream.Domain.Refusals;
using Upstream.Messaging.Outbox;
using Upstream.Network.Data;
using Upstream.Network.Domain.Workgroups;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Network.Handling;

/// <summary>
/// Submitting a workgroup's learning product (by a member of a participating council, or staff) and listing what
/// was submitted (staff and members).
/// </summary>
public sealed class LearningProductDesk(NetworkDb db, TimeProvider clock, IEventOutbox outbox)
{
    public async Task<LearningProductSubmission> SubmitAsync(Caller caller, Guid workgroupId, LearningProductDraft draft, CancellationToken cancellationToken)
    {
        Access.RequireNetwork(caller, "submit learning products");
        var workgroup = await new WorkgroupDesk(db, clock, outbox).LoadAsync(workgroupId, cancellationToken);
        await RequireParticipantAsync(caller, workgroup, cancellationToken);

        var codes = draft.ContributingCouncilCodes.Select(MemberLookup.Normalize).ToList();
        var known = await db.Members.Where(m => codes.Contains(m.CouncilCode)).ToDictionaryAsync(m => m.CouncilCode, cancellationToken);
        var contributors = draft.ContributingCouncilCodes.Select(c => (c, known.GetValueOrDefault(MemberLookup.Normalize(c)))).ToList();
        var now = clock.GetUtcNow();
        var submission = LearningProductSubmission.Submit(workgroup, draft.Title, draft.Summary, draft.Link, draft.Document, contributors, caller.Subject, now);
        db.LearningProductSubmissions.Add(submission);
        outbox.Publish(
            new LearningProductSubmitted(
                Guid.NewGuid(), now, workgroup.Id, submission.Id, workgroup.Theme, submission.Title, submission.Summary, submission.Link,
                submission.Document?.FileName, submission.ContributingCouncilCodes),
            workgroup.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return submission;
    }

    public async Task<IReadOnlyList<LearningProductSubmission>> ListAsync(Caller caller, Guid workgroupId, CancellationToken cancellationToken)
    {
        Access.RequireNetwork(caller, "see learning products");
        if (!await db.Workgroups.AnyAsync(w => w.Id == workgroupId, cancellationToken))
        {
            throw new NotFoundException($"No workgroup {workgroupId}.");
        }

        return await db.LearningProductSubmissions.Where(s => s.WorkgroupId == workgroupId).OrderBy(s => s.SubmittedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>A member submits only for a workgroup its own council currently takes part in; staff for any.</summary>
    private async Task RequireParticipantAsync(Caller caller, Workgroup workgroup, CancellationToken cancellationToken)
    {
        if (caller.IsStaff)
        {
            return;
        }

        var code = MemberLookup.Normalize(caller.CouncilCode ?? "");
        var own = await db.Members.FirstOrDefaultAsync(m => m.CouncilCode == code, cancellationToken);
        if (own is null || !workgroup.TakesPart(own.Id))
        {
            throw new PermissionDeniedException("Only the workgroup's participating councils and programme staff can submit its learning product.");
        }
    }
}

/// <summary>A learning product submission as asked for.</summary>
public sealed record LearningProductDraft(string Title, string Summary, string? Link, LearningProductDocument? Document, IReadOnlyList<string> ContributingCouncilCodes);
