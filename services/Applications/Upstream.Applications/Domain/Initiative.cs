using Upstream.Domain.Refusals;

namespace Upstream.Applications.Domain;

/// <summary>The initiative a council puts forward: what upstream problem it tackles and what backs it.</summary>
public sealed record Initiative(
    string Title,
    string Summary,
    string UpstreamProblem,
    string ServiceArea,
    InitiativeStage Stage,
    InternalApproval? Approval,
    long? BudgetPence,
    string ResourcesAssigned,
    AreaCharacter Characters)
{
    public static readonly Initiative Empty = new("", "", "", "", InitiativeStage.Idea, null, null, "", AreaCharacter.None);

    /// <summary>Drafts may be incomplete; only what is present must be well-formed.</summary>
    public void ValidateDraft(Violations v)
    {
        v.Require(Title.Length <= 200, "initiative.title", "A title has at most 200 characters.");
        v.Require(Summary.Length <= 4000, "initiative.summary", "A summary has at most 4,000 characters.");
        v.Require(BudgetPence is null or >= 0, "initiative.budget_pence", "A budget cannot be negative.");
        v.Require((Characters & ~(AreaCharacter.Urban | AreaCharacter.Rural | AreaCharacter.Coastal)) == 0, "initiative.area_characters", "Area characters are urban, rural or coastal.");
    }

    public void ValidateForSubmission(Violations v)
    {
        ValidateDraft(v);
        v.Require(!string.IsNullOrWhiteSpace(Title), "initiative.title", "Give the initiative a title.");
        v.Require(!string.IsNullOrWhiteSpace(Summary), "initiative.summary", "Summarise the initiative.");
        v.Require(!string.IsNullOrWhiteSpace(UpstreamProblem), "initiative.upstream_problem", "Say which upstream problem it addresses.");
        v.Require(!string.IsNullOrWhiteSpace(ServiceArea), "initiative.service_area", "Name the service area.");
        v.Require(Characters != AreaCharacter.None, "initiative.area_characters", "Choose at least one of urban, rural, coastal.");
    }
}

public enum InitiativeStage
{
    Idea,
    Early,
    Active,
}

/// <summary>Evidence that the council approved putting the initiative forward.</summary>
public sealed record InternalApproval(string ApprovedBy, DateOnly ApprovedOn);

/// <summary>A named contact. Personal data: never logged or traced.</summary>
public sealed record Contact(string Name, string Role, string Email);
