using Microsoft.EntityFrameworkCore;
using Upstream.Network.Data;
using Upstream.Network.Domain;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Network.Handling;

/// <summary>
/// The member directory: current member councils and their people, searched by region, theme, area character and
/// initiative stage. Members see only the people who agreed to appear; staff see everyone (with their consent shown).
/// </summary>
public sealed class DirectoryDesk(NetworkDb db)
{
    public async Task<List<DirectoryListing>> SearchAsync(Caller caller, DirectoryQuery query, CancellationToken cancellationToken)
    {
        Access.RequireNetwork(caller, "search the member directory");

        // A cohort is tens of councils: filter the current members in memory, where the initiative (jsonb) is whole.
        var members = (await db.Members.Where(m => m.LeftAt == null).OrderBy(m => m.CouncilName).ToListAsync(cancellationToken))
            .Where(query.Matches)
            .ToList();
        var ids = members.Select(m => m.Id).ToList();
        var people = await db.People
            .Where(p => ids.Contains(p.MemberId) && p.ErasedAt == null && (caller.IsStaff || p.DirectoryConsent))
            .OrderBy(p => p.Position).ThenBy(p => p.AddedAt)
            .ToListAsync(cancellationToken);
        return [.. members.Select(m => new DirectoryListing(m, [.. people.Where(p => p.MemberId == m.Id)]))];
    }
}

/// <summary>A council in the directory with the people this caller may see.</summary>
public sealed record DirectoryListing(Member Member, IReadOnlyList<Person> People);

/// <summary>Empty filters match everything; text matches ignore case.</summary>
public sealed record DirectoryQuery(string Region, string Theme, string AreaCharacter, string Stage)
{
    public bool Matches(Member member) =>
        Is(member.Region, Region)
        && Is(member.Initiative.Stage, Stage)
        && (AreaCharacter.Length == 0 || member.AreaCharacters.Contains(AreaCharacter.Trim(), StringComparer.OrdinalIgnoreCase))
        && (Theme.Length == 0
            || member.Initiative.ServiceArea.Contains(Theme.Trim(), StringComparison.OrdinalIgnoreCase)
            || member.Initiative.Title.Contains(Theme.Trim(), StringComparison.OrdinalIgnoreCase));

    private static bool Is(string value, string filter) => filter.Length == 0 || string.Equals(value, filter.Trim(), StringComparison.OrdinalIgnoreCase);
}
