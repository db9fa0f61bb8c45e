using Microsoft.EntityFrameworkCore;
using Upstream.Domain.Refusals;
using Upstream.Domain.Time;
using Upstream.Network.Data;
using Upstream.Network.Domain;

namespace Upstream.Network.Handling;

/// <summary>
/// Finding member councils by the code a request names (each kind of request hears "unknown" its own way), and the
/// London date the desks judge "today" by.
/// </summary>
internal static class MemberLookup
{
    /// <summary>Registry codes are upper case; requests are forgiven their letter case and spaces.</summary>
    public static string Normalize(string councilCode) => councilCode.Trim().ToUpperInvariant();

    /// <summary>The council named by the resource path: unknown is NOT_FOUND.</summary>
    public static async Task<Member> MemberAsync(this NetworkDb db, string councilCode, CancellationToken cancellationToken) =>
        await db.Members.FirstOrDefaultAsync(m => m.CouncilCode == Normalize(councilCode), cancellationToken)
        ?? throw new NotFoundException($"No member council has the code {councilCode}.");

    /// <summary>
    /// The council (current or former) a change names in <paramref name="field"/>: unknown or missing is a field
    /// violation, nothing changed.
    /// </summary>
    public static async Task<Member> CouncilForChangeAsync(this NetworkDb db, string councilCode, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(councilCode))
        {
            throw new InvalidInputException([new FieldViolation(field, "Give a council code.")]);
        }

        var code = Normalize(councilCode);
        return await db.Members.FirstOrDefaultAsync(m => m.CouncilCode == code, cancellationToken)
            ?? throw new InvalidInputException([new FieldViolation(field, $"No member council has the code '{councilCode.Trim()}'.")]);
    }

    public static async Task<IReadOnlyDictionary<Guid, Member>> MembersAsync(this NetworkDb db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Members.Where(m => wanted.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
    }

    /// <summary>The ids of the council's people whose data is still held (not erased).</summary>
    public static async Task<List<Guid>> CurrentPeopleAsync(this NetworkDb db, Guid memberId, CancellationToken cancellationToken) =>
        await db.People.Where(p => p.MemberId == memberId && p.ErasedAt == null).Select(p => p.Id).ToListAsync(cancellationToken);

    public static DateOnly LondonToday(this TimeProvider clock) => DateOnly.FromDateTime(ProgrammeTime.ToLondon(clock.GetUtcNow()));
}
