namespace Upstream.Grants.Domain;

public enum GrantRequestState
{
    Draft,
    Submitted,
    UnderAssessment,
    Awarded,
    Declined,
    Withdrawn,
}
