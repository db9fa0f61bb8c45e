using Upstream.Domain.Refusals;
using Upstream.Domain.Time;

namespace Upstream.Grants.Domain;

/// <summary>
/// The experimentation fund. What it has committed (awarded) and paid are kept on the fund's row and changed only
/// under its lock (awards, decided in batches holding the row lock) or by atomic updates (payments), under CHECK
/// constraints: the database itself refuses to commit more than the total or pay more than was committed,
/// whatever runs in parallel.
/// </summary>
public sealed class Fund
{
    private Fund()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public long TotalPence { get; private set; }

    public long MinimumAwardPence { get; private set; }

    public long MaximumAwardPence { get; private set; }

    public DateTimeOffset OpensAt { get; private set; }

    public DateTimeOffset ClosesAt { get; private set; }

    public List<string> Purposes { get; private set; } = [];

    public long CommittedPence { get; private set; }

    public long PaidPence { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public long RemainingPence => TotalPence - CommittedPence;

    public IReadOnlyList<string> Criteria => Domain.Purposes.Criteria;

    public static Fund Create(FundDetails details, DateTimeOffset now)
    {
        details.Validate().ThrowIfAny();
        return new Fund
        {
            Id = Guid.CreateVersion7(now),
            Name = details.Name.Trim(),
            TotalPence = details.TotalPence,
            MinimumAwardPence = details.MinimumAwardPence,
            MaximumAwardPence = details.MaximumAwardPence,
            OpensAt = details.OpensAt,
            ClosesAt = details.ClosesAt,
            Purposes = [.. details.Purposes.Distinct()],
            CreatedAt = now,
        };
    }

    /// <summary>
    /// Staff may change anything but cannot shrink the total below what is already committed (the database's CHECK
    /// holds this too, should an award commit meanwhile).
    /// </summary>
    public void Revise(FundDetails details)
    {
        var v = details.Validate();
        v.Require(details.TotalPence >= CommittedPence, "total_pence", $"The fund has already committed {Money.Describe(CommittedPence)}; its total cannot be less.");
        v.ThrowIfAny();
        Name = details.Name.Trim();
        TotalPence = details.TotalPence;
        MinimumAwardPence = details.MinimumAwardPence;
        MaximumAwardPence = details.MaximumAwardPence;
        OpensAt = details.OpensAt;
        ClosesAt = details.ClosesAt;
        Purposes = [.. details.Purposes.Distinct()];
    }

    public bool IsOpenAt(DateTimeOffset now) => OpensAt <= now && now < ClosesAt;

    public void EnsureOpen(DateTimeOffset now)
    {
        if (now < OpensAt)
        {
            throw new DomainRuleException("fund.window", $"The fund opens for requests at {ProgrammeTime.Describe(OpensAt)}.");
        }

        if (now >= ClosesAt)
        {
            throw new DomainRuleException("fund.window", $"The fund closed for requests at {ProgrammeTime.Describe(ClosesAt)}.");
        }
    }

    /// <summary>An amount outside the fund's range is bad input; the caller can correct it.</summary>
    public void RequireInRange(long amountPence, string field, Violations v) =>
        v.Require(
            amountPence >= MinimumAwardPence && amountPence <= MaximumAwardPence,
            field,
            $"The fund awards from {Money.Describe(MinimumAwardPence)} to {Money.Describe(MaximumAwardPence)}.");

    /// <summary>What the fund as last read can still commit: a quick refusal; the database decides under concurrency.</summary>
    public void EnsureCanCommit(long amountPence)
    {
        if (amountPence > RemainingPence)
        {
            throw Overspent(amountPence);
        }
    }

    /// <summary>Raises the committed total; only under the fund row's lock (see <see cref="Grant.Award"/>).</summary>
    internal void Commit(long amountPence)
    {
        EnsureCanCommit(amountPence);
        CommittedPence += amountPence;
    }

    private DomainRuleException Overspent(long amountPence) =>
        new("fund.remaining", $"The fund cannot commit {Money.Describe(amountPence)}: only {Money.Describe(RemainingPence)} of {Money.Describe(TotalPence)} is left uncommitted.");
}
