using Upstream.Applications.V1;
using Upstream.Domain.Registry;

namespace Upstream.Demo;

/// <summary>One council applying: its registry entry and the character of its area, as its application states it.</summary>
public sealed record DemoCouncil(LocalAuthority Authority, IReadOnlyList<AreaCharacter> Characters)
{
    public string Code => Authority.Code;
}

/// <summary>
/// The councils that apply: real, current councils of the registry, taken in turn from every region and nation so the
/// field is spread across the UK. The registry says nothing of urban, rural or coastal, so each application states
/// it: London boroughs and metropolitan councils are urban, the others alternately rural and coastal, some both.
/// </summary>
public static class DemoCouncils
{
    /// <summary>Councils that lead programmes: districts, unitaries, metropolitan, London boroughs, counties and the nations' councils.</summary>
    private static readonly HashSet<string> Types = ["NMD", "UA", "MD", "LBO", "CTY", "SCO", "WPA", "NID"];

    public static IReadOnlyList<DemoCouncil> Pick(int count, IReadOnlySet<string> exclude, DateOnly on)
    {
        var byRegion = LocalAuthorityRegistry.Shipped.All
            .Where(a => a.Region is not null && Types.Contains(a.TypeCode) && a.ExistedOn(on) && !exclude.Contains(a.Code))
            .GroupBy(a => a.Region!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Queue<LocalAuthority>(g.OrderBy(a => a.Code, StringComparer.Ordinal)))
            .ToList();
        var picked = new List<DemoCouncil>();
        while (picked.Count < count && byRegion.Any(q => q.Count > 0))
        {
            foreach (var region in byRegion.Where(q => q.Count > 0))
            {
                if (picked.Count == count)
                {
                    break;
                }

                var authority = region.Dequeue();
                picked.Add(new DemoCouncil(authority, CharacterOf(authority, picked.Count)));
            }
        }

        return picked;
    }

    private static AreaCharacter[] CharacterOf(LocalAuthority authority, int index) => authority.TypeCode is "LBO" or "MD"
        ? [AreaCharacter.Urban]
        : (index % 4) switch
        {
            0 => [AreaCharacter.Rural],
            1 => [AreaCharacter.Coastal],
            2 => [AreaCharacter.Rural, AreaCharacter.Coastal],
            _ => [AreaCharacter.Urban, AreaCharacter.Coastal],
        };
}
