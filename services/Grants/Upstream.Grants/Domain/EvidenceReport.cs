namespace Upstream.Grants.Domain;

/// <summary>One evidence report a grant owes: due on a London date; submitted, then accepted or sent back to redo.</summary>
public sealed record EvidenceReport(
    Guid Id,
    DateOnly DueOn,
    ReportState State,
    string? WhatWasTried = null,
    string? Results = null,
    string? ReusableByOthers = null,
    DateTimeOffset? SubmittedAt = null,
    string? ReviewNote = null)
{
    /// <summary>Past its due date (London) with nothing awaiting review or accepted.</summary>
    public bool IsOverdue(DateOnly londonToday) => State is ReportState.Due or ReportState.SentBack && DueOn < londonToday;
}

public enum ReportState
{
    Due,
    Submitted,
    Accepted,
    SentBack,
}

/// <summary>One payment of part of a grant.</summary>
public sealed record Tranche(string PaymentReference, long AmountPence, DateTimeOffset PaidAt, string PaidBy);
