namespace Upstream.Insights.Domain;

/// <summary>Where a piece of evidence came from; stored as its wire name.</summary>
public enum EvidenceSource
{
    Finding,
    LearningProduct,
    GrantReport,
    GrantAward,
    GrantPayment,
    Attendance,
}
