using System.Globalization;
using Upstream.Domain.Refusals;
using Upstream.Domain.Time;

namespace Upstream.ServiceDefaults.Grpc;

/// <summary>
/// Reads the strings a request carries (ids, London dates and wall times), collecting every malformed one as a
/// field violation so the caller hears about all of them at once, together with the domain's own checks. Shared by
/// the services' API classes.
/// </summary>
public sealed class WireInput
{
    private readonly Violations _violations = new();

    public static Guid Id(string value, string field)
    {
        var input = new WireInput();
        var id = input.Guid(value, field);
        input._violations.ThrowIfAny();
        return id;
    }

    /// <summary>Two ids a request names (a parent and a child), both checked before either is refused.</summary>
    public static (Guid First, Guid Second) Ids(string first, string firstField, string second, string secondField)
    {
        var input = new WireInput();
        var ids = (input.Guid(first, firstField), input.Guid(second, secondField));
        input._violations.ThrowIfAny();
        return ids;
    }

    public Guid Guid(string value, string field)
    {
        var ok = System.Guid.TryParse(value, out var id);
        _violations.Require(ok, field, "Not a valid id.");
        return id;
    }

    public DateOnly Date(string value, string field)
    {
        var ok = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        _violations.Require(ok, field, "A London date, YYYY-MM-DD.");
        return date;
    }

    /// <summary>"2026-05-12T09:30" in London, as the instant it names; a time the clocks skip is refused.</summary>
    public DateTimeOffset LondonWallTime(string value, string field)
    {
        if (!DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            _violations.Require(false, field, "A London wall time, YYYY-MM-DDTHH:MM (for example 2026-05-12T09:30).");
            return default;
        }

        try
        {
            return ProgrammeTime.ToInstant(wall);
        }
        catch (ArgumentException)
        {
            _violations.Require(false, field, "That time does not exist in London: the clocks go forward then.");
            return default;
        }
    }

    public void Refuse(string field, string description) => _violations.Require(false, field, description);

    /// <summary>Malformed wire values and the domain's checks of the rest, reported together (a field named once).</summary>
    public void ThrowIfAny(Func<Violations> domainChecks)
    {
        if (_violations.Items.Count == 0)
        {
            return;
        }

        var named = _violations.Items.Select(v => v.Field).ToHashSet();
        throw new InvalidInputException([.. _violations.Items, .. domainChecks().Items.Where(v => !named.Contains(v.Field))]);
    }

    public void ThrowIfAny() => _violations.ThrowIfAny();
}
