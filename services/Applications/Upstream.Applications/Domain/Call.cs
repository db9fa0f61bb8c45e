using Upstream.Domain.Refusals;
using Upstream.Domain.Time;

namespace Upstream.Applications.Domain;

/// <summary>
/// A call for ideas. Its opening and closing are instants fixed from London wall time; whether it is open is
/// decided by the clock at the moment of asking, so it opens and closes exactly on time without a scheduler.
/// </summary>
public sealed class Call
{
    private Call()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    public DateTimeOffset OpensAt { get; private set; }

    public DateTimeOffset ClosesAt { get; private set; }

    /// <summary>The day applicants will be told (a London date).</summary>
    public DateOnly DecisionsBy { get; private set; }

    public int TargetCohortSize { get; private set; }

    public List<ScoringCriterion> Criteria { get; private set; } = [];

    public SelectionQuotas Quotas { get; private set; } = SelectionQuotas.None;

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Call Draft(CallDetails details, DateTimeOffset now)
    {
        details.Validate().ThrowIfAny();
        return new Call
        {
            Id = Guid.CreateVersion7(now),
            CreatedAt = now,
        }.With(details);
    }

    private Call With(CallDetails details)
    {
        Title = details.Title.Trim();
        Description = details.Description.Trim();
        OpensAt = details.OpensAt;
        ClosesAt = details.ClosesAt;
        DecisionsBy = details.DecisionsBy;
        TargetCohortSize = details.TargetCohortSize;
        Criteria = [.. details.Criteria];
        Quotas = details.Quotas;
        return this;
    }

    public CallState StateAt(DateTimeOffset now) => this switch
    {
        { DecidedAt: not null } => CallState.Decided,
        { PublishedAt: null } => CallState.Draft,
        _ when now < OpensAt => CallState.Scheduled,
        _ when now < ClosesAt => CallState.Open,
        _ => CallState.Closed,
    };

    /// <summary>Only a draft can be reworded or rescheduled: applicants must be able to rely on a published call.</summary>
    public void Revise(CallDetails details, DateTimeOffset now)
    {
        if (StateAt(now) != CallState.Draft)
        {
            throw new DomainRuleException("call.state", $"The call is {StateAt(now).ToString().ToLowerInvariant()}; only a draft call can be changed.");
        }

        details.Validate().ThrowIfAny();
        With(details);
    }

    public void Publish(DateTimeOffset now)
    {
        if (StateAt(now) != CallState.Draft)
        {
            throw new DomainRuleException("call.state", "The call has already been published.");
        }

        if (ClosesAt <= now)
        {
            throw new DomainRuleException("closes_at", $"The call would close at {ProgrammeTime.Describe(ClosesAt)}, which has already passed.");
        }

        PublishedAt = now;
    }

    public void MarkDecided(DateTimeOffset now)
    {
        if (StateAt(now) != CallState.Closed)
        {
            throw new DomainRuleException("call.state", $"A cohort can be confirmed only after the call closes ({ProgrammeTime.Describe(ClosesAt)}).");
        }

        DecidedAt = now;
    }
}

public enum CallState
{
    Draft,
    Scheduled,
    Open,
    Closed,
    Decided,
}
