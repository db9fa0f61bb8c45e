namespace Upstream.Applications.Domain;

public enum ApplicationState
{
    Draft,
    Submitted,
    Withdrawn,
    Eligible,
    Ineligible,
    UnderReview,
    Shortlisted,
    Selected,
    Declined,
}

/// <summary>One recorded change of state: who, when, and why (for screening and overrides).</summary>
public sealed record StateChange(ApplicationState From, ApplicationState To, string By, DateTimeOffset At, string? Reason);
