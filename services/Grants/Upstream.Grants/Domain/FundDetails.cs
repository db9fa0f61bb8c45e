using Upstream.Domain.Refusals;

namespace Upstream.Grants.Domain;

/// <param name="OpensAt">An instant fixed from London wall time.</param>
public sealed record FundDetails(
    string Name,
    long TotalPence,
    long MinimumAwardPence,
    long MaximumAwardPence,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    IReadOnlyList<string> Purposes)
{
    public const long DefaultMinimumAwardPence = 1_000_000;
    public const long DefaultMaximumAwardPence = 2_000_000;

    public Violations Validate()
    {
        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(Name), "name", "Name the fund.");
        v.Require(TotalPence > 0, "total_pence", "The fund's total must be more than zero.");
        v.Require(MinimumAwardPence > 0, "minimum_award_pence", "The minimum award must be more than zero.");
        v.Require(MaximumAwardPence >= MinimumAwardPence, "maximum_award_pence", "The maximum award cannot be below the minimum.");
        v.Require(MaximumAwardPence <= TotalPence, "maximum_award_pence", "The maximum award cannot exceed the fund's total.");
        v.Require(ClosesAt > OpensAt, "closes_at", "The window must close after it opens.");
        v.Require(Purposes.Count > 0, "purposes", "Name at least one purpose.");
        foreach (var purpose in Purposes)
        {
            v.Require(Domain.Purposes.All.Contains(purpose), "purposes", $"'{purpose}' is not a purpose of the fund: {string.Join(", ", Domain.Purposes.All)}.");
        }

        return v;
    }
}
