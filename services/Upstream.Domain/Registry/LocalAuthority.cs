namespace Upstream.Domain.Registry;

/// <summary>One row of the registry: a UK local authority, current or abolished.</summary>
public sealed record LocalAuthority(
    string Code,
    string OfficialName,
    string NiceName,
    string GssCode,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string Nation,
    string? Region,
    string TypeCode,
    string TypeName,
    double? Latitude,
    double? Longitude)
{
    /// <summary>The registry's end date is the first day the authority no longer existed.</summary>
    public bool ExistedOn(DateOnly date) => (StartDate is null || StartDate <= date) && (EndDate is null || date < EndDate);
}
