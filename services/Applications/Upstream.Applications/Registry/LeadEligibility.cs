using Upstream.Domain.Registry;

namespace Upstream.Applications.Registry;

/// <summary>
/// Who may lead an application: a council of a leading type that existed when the call closed. Each refusal
/// names the rule, because the applicant has to understand what to change.
/// </summary>
public static class LeadEligibility
{
    /// <summary>County, district, city, unitary, metropolitan, London borough, combined authority, Welsh or Scottish unitary, NI district.</summary>
    public static readonly IReadOnlySet<string> LeadingTypes = new HashSet<string> { "CTY", "NMD", "CC", "UA", "MD", "LBO", "COMB", "WPA", "SCO", "NID" };

    public static LeadCheck Check(LocalAuthorityRegistry registry, string code, DateOnly callClosesOn)
    {
        if (registry.Find(code) is not { } authority)
        {
            return LeadCheck.Refused($"'{code}' is not a UK local authority in the registry; only local authorities may lead (other organisations may join as partners).");
        }

        if (!LeadingTypes.Contains(authority.TypeCode))
        {
            return LeadCheck.Refused($"{authority.OfficialName} is a {authority.TypeName.ToLowerInvariant()}; only councils (county, district, city, unitary, metropolitan, London borough, combined authority, Welsh or Scottish unitary, Northern Ireland district) may lead.");
        }

        if (!authority.ExistedOn(callClosesOn))
        {
            return LeadCheck.Refused(authority.EndDate is { } ended && ended <= callClosesOn
                ? $"{authority.OfficialName} ceased to exist on {ended:yyyy-MM-dd}, before the call closes on {callClosesOn:yyyy-MM-dd}."
                : $"{authority.OfficialName} only came into existence on {authority.StartDate:yyyy-MM-dd}, after the call closes on {callClosesOn:yyyy-MM-dd}.");
        }

        if (authority.Region is null)
        {
            return LeadCheck.Refused($"The registry records no region for {authority.OfficialName}, so its place in the cohort's regional balance cannot be known.");
        }

        return LeadCheck.Allowed(authority);
    }
}

public sealed record LeadCheck(LocalAuthority? Authority, string? Refusal)
{
    public bool IsAllowed => Authority is not null;

    public static LeadCheck Allowed(LocalAuthority authority) => new(authority, null);

    public static LeadCheck Refused(string reason) => new(null, reason);
}
