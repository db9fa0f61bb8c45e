using Microsoft.EntityFrameworkCore;
using Npgsql;
using Upstream.Contracts.Network;
using Upstream.Domain.Refusals;
using Upstream.Messaging.Outbox;
using Upstream.Network.Data;
using Upstream.Network.Domain;
using Upstream.Network.Domain.Workgroups;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Network.Handling;

/// <summary>
/// Workgroups: forming one (staff, or a member for its own council, which then leads it), joining and leaving
/// (a member only for its own council), handing over the lead, and reading them (staff and members).
/// </summary>
public sealed class WorkgroupDesk(NetworkDb db, TimeProvider clock, IEventOutbox outbox)
{
    public async Task<WorkgroupView> FormAsync(Caller caller, WorkgroupForm form, CancellationToken cancellationToken)
    {
        Access.RequireNetwork(caller, "form workgroups");
        var lead = await db.CouncilForChangeAsync(form.LeadCouncilCode, "lead_council_code", cancellationToken);
        caller.RequireCouncil(lead.CouncilCode, "form a workgroup led by this council");
        var now = clock.GetUtcNow();
        var workgroup = Workgroup.Form(form.Name, form.Theme, lead, form.LearningProduct, clock.LondonToday(), caller.Subject, now);
        db.Workgroups.Add(workgroup);
        outbox.Publish(
            new WorkgroupFormed(Guid.NewGuid(), now, workgroup.Id, workgroup.Name, workgroup.Theme, lead.CouncilCode, workgroup.LearningProduct.Description, workgroup.LearningProduct.DueOn),
            workgroup.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(workgroup, cancellationToken);
    }

    public async Task<WorkgroupView> GetAsync(Caller caller, Guid workgroupId, CancellationToken cancellationToken)
    {
        Access.RequireNetwork(caller, "see workgroups");
        return await ViewAsync(await LoadAsync(workgroupId, cancellationToken), cancellationToken);
    }

    /// <param name="theme">Only this theme (any letter case), if given.</param>
    /// <param name="councilCode">Only those this council currently takes part in, if given.</param>
    public async Task<IReadOnlyList<WorkgroupView>> ListAsync(Caller caller, string? theme, string? councilCode, CancellationToken cancellationToken)
    {
        Access.RequireNetwork(caller, "see workgroups");
        var query = db.Workgroups.Include(w => w.Participants).AsQueryable();
        if (!string.IsNullOrWhiteSpace(theme))
        {
            var wanted = theme.Trim().ToLower();
            query = query.Where(w => w.Theme.ToLower() == wanted);
        }

        if (!string.IsNullOrWhiteSpace(councilCode))
        {
            var member = await db.CouncilForChangeAsync(councilCode, "council_code", cancellationToken);
            query = query.Where(w => w.Participants.Any(p => p.MemberId == member.Id && p.LeftAt == null));
        }

        var workgroups = await query.OrderBy(w => w.FormedAt).ThenBy(w => w.Id).ToListAsync(cancellationToken);
        var members = await db.MembersAsync(workgroups.SelectMany(w => w.Current.Select(p => p.MemberId).Append(w.LeadMemberId)), cancellationToken);
        return [.. workgroups.Select(w => new WorkgroupView(w, members))];
    }

    public async Task<WorkgroupView> JoinAsync(Caller caller, Guid workgroupId, string councilCode, CancellationToken cancellationToken)
    {
        Access.RequireNetwork(caller, "join workgroups");
        var member = await db.CouncilForChangeAsync(councilCode, "council_code", cancellationToken);
        caller.RequireCouncil(member.CouncilCode, "manage this council's workgroups");
        var workgroup = await LoadAsync(workgroupId, cancellationToken);
        db.WorkgroupParticipants.Add(workgroup.Join(member, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException($"{member.CouncilName} joined this workgroup at the same moment in another request; it takes part already.", alreadyExists: true);
        }

        return await ViewAsync(workgroup, cancellationToken);
    }

    public Task<WorkgroupView> LeaveAsync(Caller caller, Guid workgroupId, string councilCode, CancellationToken cancellationToken) =>
        ChangeAsync(caller, workgroupId, councilCode, "manage this council's workgroups", (w, m) => w.Leave(m, clock.GetUtcNow()), cancellationToken);

    /// <summary>Staff or the current lead's member hand the lead to another participant.</summary>
    public Task<WorkgroupView> HandOverLeadAsync(Caller caller, Guid workgroupId, string councilCode, CancellationToken cancellationToken) =>
        ChangeAsync(caller, workgroupId, councilCode, "hand over the lead of a workgroup this council leads", (w, m) => w.HandOverLead(m, clock.GetUtcNow()), cancellationToken, byLead: true);

    internal async Task<Workgroup> LoadAsync(Guid workgroupId, CancellationToken cancellationToken) =>
        await db.Workgroups.Include(w => w.Participants).FirstOrDefaultAsync(w => w.Id == workgroupId, cancellationToken)
            ?? throw new NotFoundException($"No workgroup {workgroupId}.");

    /// <summary>A change to the lead or a departure: the workgroup's row version settles two of them at once.</summary>
    /// <param name="byLead">The caller acts for the workgroup's current lead rather than for the named council.</param>
    private async Task<WorkgroupView> ChangeAsync(
        Caller caller, Guid workgroupId, string councilCode, string action, Action<Workgroup, Member> change, CancellationToken cancellationToken, bool byLead = false)
    {
        Access.RequireNetwork(caller, action);
        var member = await db.CouncilForChangeAsync(councilCode, "council_code", cancellationToken);
        var workgroup = await LoadAsync(workgroupId, cancellationToken);
        var actingFor = byLead ? (await db.Members.SingleAsync(m => m.Id == workgroup.LeadMemberId, cancellationToken)).CouncilCode : member.CouncilCode;
        caller.RequireCouncil(actingFor, action);
        change(workgroup, member);

        // The whole row is written back under its row version even when only a participant changed, so a departure
        // and a hand-over of the lead that race each other cannot both succeed.
        db.Entry(workgroup).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The workgroup's lead or membership changed meanwhile; reload it and try again.");
        }

        return await ViewAsync(workgroup, cancellationToken);
    }

    private async Task<WorkgroupView> ViewAsync(Workgroup workgroup, CancellationToken cancellationToken) =>
        new(workgroup, await db.MembersAsync([workgroup.LeadMemberId, .. workgroup.Current.Select(p => p.MemberId)], cancellationToken));
}

/// <summary>What a workgroup is formed with, as asked for.</summary>
public sealed record WorkgroupForm(string Name, string Theme, string LeadCouncilCode, LearningProductCommitment LearningProduct);

/// <summary>A workgroup with the member councils it names (its current participants, the lead among them).</summary>
public sealed record WorkgroupView(Workgroup Workgroup, IReadOnlyDictionary<Guid, Member> Members);
