using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Upstream.Domain.Time;
using Upstream.Grants.Domain;

namespace Upstream.Grants.OpenData;

/// <summary>
/// The fund's awards in the 360Giving Data Standard (1.4): one data package with a grant per award. Grant ids are
/// "360G-upstream-{grant id}"; the recipient is the lead council as "GB-LAE-{council code}" (the registry's
/// local-authority-code); every council of the grant is a beneficiary location by its ONS GSS code; amounts are GBP
/// (pence / 100); the fund is the grant programme.
/// </summary>
public static class ThreeSixtyGiving
{
    public const string Prefix = "360G-upstream-";
    public const string Version = "1.4";

    /// <summary>The programme's funder, as 360Giving names organisations.</summary>
    public static readonly Organisation Funder = new("GB-CHC-1144091", "Nesta");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static Package Package(Fund fund, IReadOnlyList<Grant> grants, IReadOnlyDictionary<string, MemberCouncil> councils, DateTimeOffset now)
    {
        var modified = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new Package(
            [.. grants.Select(g => Of(fund, g, councils, modified))],
            Version,
            $"{fund.Name}: grants awarded",
            new Publisher(Funder.Name, Funder.Id),
            modified,
            "https://creativecommons.org/licenses/by/4.0/");
    }

    public static byte[] Serialize(Package package) => JsonSerializer.SerializeToUtf8Bytes(package, Json);

    private static GrantRecord Of(Fund fund, Grant grant, IReadOnlyDictionary<string, MemberCouncil> councils, string modified)
    {
        string Name(string code) => councils.TryGetValue(code, out var council) ? council.CouncilName : code;
        return new GrantRecord(
            Prefix + grant.Id.ToString("D"),
            grant.Title,
            grant.Description,
            "GBP",
            grant.AwardedPence / 100m,
            grant.PaidPence / 100m,
            DateOnly.FromDateTime(ProgrammeTime.ToLondon(grant.AwardedAt)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [new PlannedDates(grant.PlannedStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), grant.PlannedEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
            [new Organisation(OrganisationId(grant.LeadCouncilCode), Name(grant.LeadCouncilCode))],
            [Funder],
            [.. grant.Councils.Where(councils.ContainsKey).Select(c => new Location(Name(c), councils[c].GssCode, "LA", "GB"))],
            [new Programme(fund.Id.ToString("D"), fund.Name)],
            modified);
    }

    /// <summary>English councils' organisation ids: the registry code after the GB-LAE list prefix.</summary>
    public static string OrganisationId(string councilCode) => "GB-LAE-" + councilCode;
}

public sealed record Package(IReadOnlyList<GrantRecord> Grants, string Version, string Title, Publisher Publisher, string Modified, string License);

public sealed record Publisher(string Name, string Identifier);

public sealed record GrantRecord(
    string Id,
    string Title,
    string Description,
    string Currency,
    decimal AmountAwarded,
    decimal AmountDisbursed,
    string AwardDate,
    IReadOnlyList<PlannedDates> PlannedDates,
    IReadOnlyList<Organisation> RecipientOrganization,
    IReadOnlyList<Organisation> FundingOrganization,
    IReadOnlyList<Location> BeneficiaryLocation,
    IReadOnlyList<Programme> GrantProgramme,
    string DateModified);

public sealed record PlannedDates(string StartDate, string EndDate);

public sealed record Organisation(string Id, string Name);

/// <param name="GeoCodeType">"LA": a local authority's GSS code.</param>
public sealed record Location(string Name, string GeoCode, string GeoCodeType, string CountryCode);

public sealed record Programme(string Code, string Title);
