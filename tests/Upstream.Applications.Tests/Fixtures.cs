using Upstream.Applications.Domain;
using Upstream.Domain.Time;

namespace Upstream.Applications.Tests;

/// <summary>A call that opens at 09:00 on 1 July and closes at 12:00 on Monday 15 July 2024, London time.</summary>
internal static class Fixtures
{
    public static readonly DateTimeOffset Opens = ProgrammeTime.ToInstant(new DateTime(2024, 7, 1, 9, 0, 0));
    public static readonly DateTimeOffset Closes = ProgrammeTime.ToInstant(new DateTime(2024, 7, 15, 12, 0, 0));

    public static CallDetails Details() => new(
        "Upstream Collaborative 2024",
        "Councils working upstream of social problems.",
        Opens,
        Closes,
        new DateOnly(2024, 9, 1),
        CallDetails.DefaultCohortSize,
        [new ScoringCriterion("upstream", "Works upstream", 3), new ScoringCriterion("evidence", "Evidence", 2)],
        new SelectionQuotas([new RegionQuota("London", 1, 3)], [new CharacterQuota(AreaCharacter.Coastal, 2)]));

    public static Call PublishedCall()
    {
        var call = Call.Draft(Details(), Opens.AddDays(-10));
        call.Publish(Opens.AddDays(-9));
        return call;
    }

    public static ApplicationDraft CompleteDraft() => new(
        new Initiative(
            "Community wealth building",
            "Keeping wealth local.",
            "Economic exclusion",
            "Economic development",
            InitiativeStage.Early,
            new InternalApproval("Chief Executive", new DateOnly(2024, 6, 20)),
            2_500_000,
            "Two officers, half time",
            AreaCharacter.Urban | AreaCharacter.Coastal),
        [new Contact("Alex Example", "Lead", "alex@example.gov.uk"), new Contact("Sam Example", "Deputy", "sam@example.gov.uk")],
        ["Local Voluntary Action"]);
}
