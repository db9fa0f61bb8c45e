using Upstream.Domain.Refusals;

namespace Upstream.Insights.Grpc;

/// <summary>Reads an id a request carries, refusing a malformed one as a field violation.</summary>
internal static class WireInput
{
    public static Guid Id(string value, string field)
    {
        var violations = new Violations();
        violations.Require(Guid.TryParse(value, out var id), field, "Not a valid id.");
        violations.ThrowIfAny();
        return id;
    }
}
