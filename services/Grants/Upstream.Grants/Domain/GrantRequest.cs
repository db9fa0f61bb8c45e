using Upstream.Domain.Refusals;

namespace Upstream.Grants.Domain;

/// <summary>
/// A bid to the fund by a member council, alone or leading a group. Drafted and revised freely, submitted while the
/// fund's window is open, assessed, then awarded or declined (with reasons) by staff; withdrawn at any point before
/// a decision.
/// </summary>
public sealed class GrantRequest
{
    private GrantRequest()
    {
    }

    public Guid Id { get; private set; }

    public Guid FundId { get; private set; }

    public string LeadCouncilCode { get; private set; } = "";

    public List<string> PartnerCouncilCodes { get; private set; } = [];

    public string Title { get; private set; } = "";

    public string Tests { get; private set; } = "";

    public string Purpose { get; private set; } = "";

    public string WiderBenefit { get; private set; } = "";

    public DateOnly PlannedStart { get; private set; }

    public DateOnly PlannedEnd { get; private set; }

    public long AmountPence { get; private set; }

    public List<BudgetLine> BudgetLines { get; private set; } = [];

    public RequestContact Contact { get; private set; } = RequestContact.Erased;

    public GrantRequestState State { get; private set; }

    /// <summary>The subject (an opaque id) of who drafted it.</summary>
    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? DecisionReason { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The lead and every partner: who may see it, and whose staff may not assess it.</summary>
    public IReadOnlyList<string> Councils => [LeadCouncilCode, .. PartnerCouncilCodes];

    public static GrantRequest Draft(Fund fund, RequestDetails details, string createdBy, DateTimeOffset now)
    {
        details.Validate(fund).ThrowIfAny();
        return new GrantRequest
        {
            Id = Guid.CreateVersion7(now),
            FundId = fund.Id,
            State = GrantRequestState.Draft,
            CreatedBy = createdBy,
            CreatedAt = now,
        }.With(details);
    }

    public void Revise(Fund fund, RequestDetails details)
    {
        Require(GrantRequestState.Draft, "Only a draft request can be changed.");
        if (!string.Equals(details.LeadCouncilCode, LeadCouncilCode, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException([new FieldViolation("lead_council_code", "The lead council of a request cannot change.")]);
        }

        details.Validate(fund).ThrowIfAny();
        With(details);
    }

    public void Submit(Fund fund, DateTimeOffset now)
    {
        Require(GrantRequestState.Draft, "Only a draft request can be submitted.");
        fund.EnsureOpen(now);
        State = GrantRequestState.Submitted;
        SubmittedAt = now;
    }

    public void Withdraw(string by, string reason, DateTimeOffset now)
    {
        if (State is not (GrantRequestState.Draft or GrantRequestState.Submitted or GrantRequestState.UnderAssessment))
        {
            throw new DomainRuleException("grant_request.state", $"The request is {Describe(State)}; it can no longer be withdrawn.");
        }

        State = GrantRequestState.Withdrawn;
        DecidedBy = by;
        DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        DecidedAt = now;
    }

    /// <summary>The first assessor assigned starts the assessment.</summary>
    public void BeginAssessment()
    {
        if (State is not (GrantRequestState.Submitted or GrantRequestState.UnderAssessment))
        {
            throw new DomainRuleException("grant_request.state", $"The request is {Describe(State)}; only a submitted request can be assessed.");
        }

        State = GrantRequestState.UnderAssessment;
    }

    public void Award(string by, string reason, DateTimeOffset now) => Decide(GrantRequestState.Awarded, by, reason, now);

    public void Decline(string by, string reason, DateTimeOffset now) => Decide(GrantRequestState.Declined, by, reason, now);

    /// <summary>The person asked to be forgotten: the request stays, without their name or address.</summary>
    public void EraseContact() => Contact = RequestContact.Erased;

    private void Decide(GrantRequestState outcome, string by, string reason, DateTimeOffset now)
    {
        Require(GrantRequestState.UnderAssessment, "Only a request under assessment can be decided.");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidInputException([new FieldViolation("reason", "Record why the request was decided this way.")]);
        }

        State = outcome;
        DecidedBy = by;
        DecisionReason = reason.Trim();
        DecidedAt = now;
    }

    private void Require(GrantRequestState state, string message)
    {
        if (State != state)
        {
            throw new DomainRuleException("grant_request.state", $"The request is {Describe(State)}. {message}");
        }
    }

    private static string Describe(GrantRequestState state) => state switch
    {
        GrantRequestState.UnderAssessment => "under assessment",
        _ => state.ToString().ToLowerInvariant(),
    };

    private GrantRequest With(RequestDetails details)
    {
        LeadCouncilCode = details.LeadCouncilCode.Trim().ToUpperInvariant();
        PartnerCouncilCodes = [.. details.PartnerCouncilCodes.Select(c => c.Trim().ToUpperInvariant())];
        Title = details.Title.Trim();
        Tests = details.Tests.Trim();
        Purpose = details.Purpose;
        WiderBenefit = details.WiderBenefit.Trim();
        PlannedStart = details.PlannedStart;
        PlannedEnd = details.PlannedEnd;
        AmountPence = details.AmountPence;
        BudgetLines = [.. details.BudgetLines];
        Contact = details.Contact with { Name = details.Contact.Name.Trim(), Email = details.Contact.Email.Trim() };
        return this;
    }
}
