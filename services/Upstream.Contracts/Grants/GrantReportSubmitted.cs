namespace Upstream.Contracts.Grants;

/// <summary>A grantee submitted an evidence report (what was tried, results, what others could reuse).</summary>
public sealed record GrantReportSubmitted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid GrantId,
    Guid ReportId,
    string LeadCouncilCode,
    DateOnly DueOn) : IIntegrationEvent;
