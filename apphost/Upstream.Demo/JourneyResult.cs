using System.Diagnostics;

namespace Upstream.Demo;

/// <summary>What the journey made, by id, so its reader (the demo's console, the end-to-end test) can look at each hand-over.</summary>
public sealed record JourneyResult
{
    public required string CallId { get; init; }

    /// <summary>Each applying council's application.</summary>
    public required IReadOnlyDictionary<string, string> ApplicationIds { get; init; }

    /// <summary>The councils screening found ineligible (no budget assigned).</summary>
    public required IReadOnlyList<string> Ineligible { get; init; }

    /// <summary>The confirmed cohort's councils, who become the network's members.</summary>
    public required IReadOnlyList<string> Cohort { get; init; }

    public required ActivityTraceId CohortTrace { get; init; }

    public required string ResidentialId { get; init; }

    public required IReadOnlyList<string> RoundtableIds { get; init; }

    /// <summary>Registrations with attendance recorded, across the three events.</summary>
    public required int Attendances { get; init; }

    public required IReadOnlyList<string> PaidClaimIds { get; init; }

    public required IReadOnlyList<string> WorkgroupIds { get; init; }

    public required int Findings { get; init; }

    /// <summary>The first discovery visit's: its findings reach the partner's webhook in it.</summary>
    public required ActivityTraceId FindingTrace { get; init; }

    public required string FundId { get; init; }

    public required IReadOnlyList<string> GrantIds { get; init; }

    /// <summary>The grant whose evidence report was submitted and accepted.</summary>
    public required string ReportedGrantId { get; init; }

    public required IReadOnlyList<string> PublishedIds { get; init; }

    /// <summary>A piece still being written: nobody but staff reads it.</summary>
    public required string DraftId { get; init; }

    public required ActivityTraceId PublicationTrace { get; init; }

    /// <summary>The partner's webhook subscription, when the journey was given a receiver.</summary>
    public string? WebhookSubscriptionId { get; init; }

    public string? WebhookSecret { get; init; }
}
