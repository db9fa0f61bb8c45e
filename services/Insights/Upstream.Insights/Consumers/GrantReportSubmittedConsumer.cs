using Upstream.Contracts.Grants;
using Upstream.Insights.Domain;
using Upstream.Messaging.Inbox;

namespace Upstream.Insights.Consumers;

/// <summary>A grantee's evidence report arrived (its content stays in Grants): counted as a report in.</summary>
public sealed class GrantReportSubmittedConsumer(EvidenceStore store) : IEventConsumer<GrantReportSubmitted>
{
    public async Task ConsumeAsync(GrantReportSubmitted report, CancellationToken cancellationToken)
    {
        var lead = await store.MemberAsync(report.LeadCouncilCode, cancellationToken);
        var evidence = Evidence.Of(EvidenceSource.GrantReport, report.ReportId, [EvidenceStore.Code(report.LeadCouncilCode)], lead, await store.PhaseAsync(cancellationToken), "", "Grant evidence report", report.OccurredAt);
        await store.AddAsync(evidence, cancellationToken);
    }
}
