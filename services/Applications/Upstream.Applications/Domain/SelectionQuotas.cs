using Upstream.Domain.Refusals;

namespace Upstream.Applications.Domain;

/// <summary>
/// The cohort's balance: per region a minimum and maximum, per area character a minimum. At most one lead
/// application per council always holds, so it is not a setting.
/// </summary>
public sealed record SelectionQuotas(IReadOnlyList<RegionQuota> Regions, IReadOnlyList<CharacterQuota> Characters)
{
    public static readonly SelectionQuotas None = new([], []);

    public void Validate(int cohortSize, Violations v)
    {
        for (var i = 0; i < Regions.Count; i++)
        {
            var q = Regions[i];
            v.Require(q.Minimum >= 0 && q.Minimum <= q.Maximum, $"quotas.regions[{i}]", $"{q.Region}: the minimum must be between 0 and the maximum.");
        }

        v.Require(Regions.Sum(r => r.Minimum) <= cohortSize, "quotas.regions", "The regional minimums add up to more than the cohort size.");
        v.Require(Regions.Select(r => r.Region).Distinct().Count() == Regions.Count, "quotas.regions", "Each region has one quota.");
        for (var i = 0; i < Characters.Count; i++)
        {
            v.Require(Characters[i].Minimum >= 0 && Characters[i].Minimum <= cohortSize, $"quotas.characters[{i}]", "A character minimum is between 0 and the cohort size.");
        }
    }
}

public sealed record RegionQuota(string Region, int Minimum, int Maximum);

public sealed record CharacterQuota(AreaCharacter Character, int Minimum);

[Flags]
public enum AreaCharacter
{
    None = 0,
    Urban = 1,
    Rural = 2,
    Coastal = 4,
}
