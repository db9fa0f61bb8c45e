using Upstream.Applications.V1;

namespace Upstream.Testing.Applications;

/// <summary>
/// A call for ideas open 1–15 July 2030 (London) and a complete, eligible application draft, as the wire carries
/// them. Shared by the API tests and the submission benchmark (which compiles this file in).
/// </summary>
internal static class SampleRequests
{
    public static CallDetails Call(string title, int cohortSize = 20)
    {
        var details = new CallDetails
        {
            Title = title,
            Description = "Councils working upstream of social problems.",
            OpensLondon = "2030-07-01T09:00",
            ClosesLondon = "2030-07-15T12:00",
            DecisionsBy = "2030-09-01",
            TargetCohortSize = cohortSize,
        };
        details.Criteria.Add(new ScoringCriterion { Key = "upstream", Title = "Works upstream", Weight = 3 });
        return details;
    }

    public static ApplicationDraft Draft()
    {
        var initiative = new Initiative
        {
            Title = "Community wealth building",
            Summary = "Keeping wealth local.",
            UpstreamProblem = "Economic exclusion",
            ServiceArea = "Economic development",
            Stage = InitiativeStage.Early,
            Approval = new InternalApproval { ApprovedBy = "Chief Executive", ApprovedOn = "2030-06-20" },
            BudgetPence = 2_500_000,
            ResourcesAssigned = "Two officers",
        };
        initiative.AreaCharacters.Add(AreaCharacter.Urban);
        var draft = new ApplicationDraft { Initiative = initiative };
        draft.Contacts.Add(new Contact { Name = "Alex Example", Role = "Lead", Email = "alex@example.gov.uk" });
        draft.Contacts.Add(new Contact { Name = "Sam Example", Role = "Deputy", Email = "sam@example.gov.uk" });
        return draft;
    }
}
