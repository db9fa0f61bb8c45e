using Microsoft.EntityFrameworkCore;
using Upstream.Domain.Refusals;
using Upstream.Network.Data;
using Upstream.Network.Domain;

namespace Upstream.Network.Handling;

/// <summary>Finding a member council by its registry code, the way each kind of request needs to hear it is unknown.</summary>
internal static class MemberLookup
{
    /// <summary>The council named by the resource path: unknown is NOT_FOUND.</summary>
    public static async Task<Member> MemberAsync(this NetworkDb db, string councilCode, CancellationToken cancellationToken) =>
        await db.Members.FirstOrDefaultAsync(m => m.CouncilCode == councilCode.Trim().ToUpperInvariant(), cancellationToken)
        ?? throw new NotFoundException($"No member council has the code {councilCode}.");

    /// <summary>The council a change is made for: unknown is a field violation on council_code, nothing changed.</summary>
    public static async Task<Member> CouncilForChangeAsync(this NetworkDb db, string councilCode, CancellationToken cancellationToken)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.CouncilCode == councilCode.Trim().ToUpperInvariant(), cancellationToken);
        var v = new Violations();
        v.Require(member is not null, "council_code", $"No member council has the code {councilCode}.");
        v.ThrowIfAny();
        return member!;
    }

    /// <summary>The ids of the council's people whose data is still held (not erased).</summary>
    public static async Task<List<Guid>> CurrentPeopleAsync(this NetworkDb db, Guid memberId, CancellationToken cancellationToken) =>
        await db.People.Where(p => p.MemberId == memberId && p.ErasedAt == null).Select(p => p.Id).ToListAsync(cancellationToken);
}
