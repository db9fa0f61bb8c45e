using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Network;
using Upstream.Domain.Refusals;
using Upstream.Messaging.Outbox;
using Upstream.Network.Data;
using Upstream.Network.Domain;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Network.Handling;

/// <summary>
/// Staff look after memberships (revise a member's initiative, end a membership); a member sees its own council.
/// Two staff editing one member: the second save carries a stale version and is refused, nothing half-changed.
/// </summary>
public sealed class MemberDesk(NetworkDb db, TimeProvider clock, IEventOutbox outbox)
{
    public async Task<Member> GetAsync(Caller caller, string councilCode, CancellationToken cancellationToken)
    {
        caller.RequireCouncil(councilCode, "see a member council");
        return await db.MemberAsync(councilCode, cancellationToken);
    }

    /// <summary>Staff see every member; a member sees only its own council.</summary>
    public async Task<List<Member>> ListAsync(Caller caller, bool includeFormer, CancellationToken cancellationToken)
    {
        Access.RequireNetwork(caller, "see member councils");
        var members = db.Members.Where(m => includeFormer || m.LeftAt == null);
        if (!caller.IsStaff)
        {
            var own = (caller.CouncilCode ?? "").Trim().ToUpperInvariant();
            members = members.Where(m => m.CouncilCode == own);
        }

        return await members.OrderBy(m => m.CouncilName).ToListAsync(cancellationToken);
    }

    /// <param name="version">The version the editor read (<see cref="VersionOf"/>); a different one now means someone else saved first.</param>
    public async Task<Member> ReviseAsync(Caller caller, string councilCode, string version, MemberInitiative initiative, CancellationToken cancellationToken)
    {
        caller.RequireStaff("edit member councils");
        var v = new Violations();
        v.Require(uint.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var read), "version", "Pass back the version of the member you read.");
        v.ThrowIfAny();
        var member = await db.MemberAsync(councilCode, cancellationToken);
        member.ReviseInitiative(initiative);

        // Compare with what the editor read, not with what this request loaded: that is what makes the check optimistic.
        db.Entry(member).Property<uint>(NetworkDb.Version).OriginalValue = read;
        await SaveAsync(member, cancellationToken);
        return member;
    }

    public async Task<Member> EndAsync(Caller caller, string councilCode, string reason, CancellationToken cancellationToken)
    {
        caller.RequireStaff("end memberships");
        var member = await db.MemberAsync(councilCode, cancellationToken);
        var now = clock.GetUtcNow();
        member.Leave(reason, now);
        outbox.Publish(new MemberLeft(Guid.NewGuid(), now, member.Id, member.CouncilCode, member.LeftReason!), member.Id.ToString());
        await SaveAsync(member, cancellationToken);
        return member;
    }

    /// <summary>The opaque version a client passes back: PostgreSQL's xmin of the member's row.</summary>
    public string VersionOf(Member member) =>
        db.Entry(member).Property<uint>(NetworkDb.Version).CurrentValue.ToString(CultureInfo.InvariantCulture);

    private async Task SaveAsync(Member member, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"{member.CouncilName} was changed by someone else since you read it; reload it and make your change again.");
        }
    }
}
