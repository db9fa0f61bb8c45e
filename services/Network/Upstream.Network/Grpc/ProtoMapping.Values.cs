using System.Globalization;
using Upstream.Domain.Refusals;

namespace Upstream.Network.Grpc;

/// <summary>Ids and London dates as the wire spells them; a malformed one is a field violation naming its proto field.</summary>
public static partial class ProtoMapping
{
    internal static Guid Id(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw new InvalidInputException([new FieldViolation(field, "Not a valid id.")]);

    internal static DateOnly Date(string value, string field) =>
        DateOnly.TryParseExact(value, LondonDate, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidInputException([new FieldViolation(field, "A London date, YYYY-MM-DD.")]);

    internal static string Text(DateOnly date) => date.ToString(LondonDate, CultureInfo.InvariantCulture);

    /// <summary>proto3 has no null string: empty means "not given".</summary>
    internal static string? Optional(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
