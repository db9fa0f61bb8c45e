using Upstream.Applications.Domain;
using Upstream.Applications.Registry;
using static Upstream.Applications.Tests.Fixtures;
using Upstream.Domain.Refusals;
using Upstream.Domain.Registry;

namespace Upstream.Applications.Tests;

public sealed class ApplicationTests
{
    private static readonly LocalAuthorityRegistry Registry = LocalAuthorityRegistry.Shipped;

    private static Application Start(Call call, string council = "ADU", ApplicationDraft? draft = null) =>
        Application.Start(call, LeadEligibility.Check(Registry, council, new DateOnly(2024, 7, 15)), draft ?? CompleteDraft(), "applicant@adur", Opens.AddDays(1));

    [Fact]
    public void A_draft_takes_the_council_name_and_region_from_the_registry()
    {
        var application = Start(PublishedCall());

        Assert.Equal(("Adur District Council", "South East", ApplicationState.Draft), (application.LeadCouncilName, application.Region, application.State));
    }

    [Fact]
    public void An_organisation_that_may_not_lead_cannot_start_an_application()
    {
        var error = Assert.Throws<InvalidInputException>(() => Start(PublishedCall(), council: "ZZZ"));

        Assert.Equal("lead_council_code", error.Violations.Single().Field);
    }

    [Fact]
    public void Submitting_after_the_close_is_refused_naming_the_closing_moment_in_London_time()
    {
        var call = PublishedCall();
        var application = Start(call);

        var error = Assert.Throws<DomainRuleException>(() => application.Submit(call, "applicant@adur", Closes));

        Assert.Equal("The call closed at 12:00 on Monday 15 July 2024.", error.Message);
        Assert.Equal(ApplicationState.Draft, application.State);
    }

    [Fact]
    public void Drafts_can_be_saved_until_the_close_and_not_after()
    {
        var call = PublishedCall();
        var application = Start(call);

        application.SaveDraft(call, CompleteDraft() with { Partners = ["Another partner"] }, "applicant@adur", Closes.AddSeconds(-1));
        Assert.Equal(["Another partner"], application.Partners);
        Assert.Throws<DomainRuleException>(() => application.SaveDraft(call, CompleteDraft(), "applicant@adur", Closes));
    }

    [Fact]
    public void An_extension_lets_one_council_submit_after_the_close_and_is_visible()
    {
        var call = PublishedCall();
        var application = Start(call);
        application.GrantExtension(call, Closes.AddDays(2), "Cabinet meeting moved", "staff@nesta", Closes.AddHours(-2));

        application.Submit(call, "applicant@adur", Closes.AddDays(1));

        Assert.Equal(ApplicationState.Submitted, application.State);
        Assert.StartsWith("Cabinet meeting moved (granted by staff@nesta at ", application.ExtensionReason);
    }

    [Fact]
    public void When_an_extension_ends_submission_is_refused_naming_its_end()
    {
        var call = PublishedCall();
        var application = Start(call);
        application.GrantExtension(call, Closes.AddDays(2), "Cabinet meeting moved", "staff@nesta", Closes.AddHours(-2));

        var error = Assert.Throws<DomainRuleException>(() => application.Submit(call, "applicant@adur", Closes.AddDays(3)));

        Assert.Equal("This application's extension ended at 12:00 on Wednesday 17 July 2024.", error.Message);
    }

    [Fact]
    public void An_incomplete_application_cannot_be_submitted_and_every_missing_field_is_named()
    {
        var call = PublishedCall();
        var application = Start(call, draft: new ApplicationDraft(Initiative.Empty, [], []));

        var error = Assert.Throws<InvalidInputException>(() => application.Submit(call, "applicant@adur", Opens.AddDays(2)));

        Assert.Equal(
            ["initiative.title", "initiative.summary", "initiative.upstream_problem", "initiative.service_area", "initiative.area_characters", "contacts"],
            error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Screening_finds_missing_approval_and_budget_and_staff_can_override_with_a_reason()
    {
        var call = PublishedCall();
        var draft = CompleteDraft();
        var application = Start(call, draft: draft with { Initiative = draft.Initiative with { Approval = null, BudgetPence = null } });
        application.Submit(call, "applicant@adur", Opens.AddDays(2));

        application.Screen(call, Registry, Opens.AddDays(2));

        Assert.Equal(ApplicationState.Ineligible, application.State);
        Assert.Equal(["No evidence of internal approval (who approved, and when).", "No budget assigned to the initiative."], application.IneligibilityReasons);

        application.OverrideScreening(eligible: true, "Approval confirmed by phone", "staff@nesta", Opens.AddDays(3));

        Assert.Equal(ApplicationState.Eligible, application.State);
        Assert.Equal(
            [(ApplicationState.Draft, ApplicationState.Submitted, "applicant@adur"), (ApplicationState.Submitted, ApplicationState.Ineligible, "screening"), (ApplicationState.Ineligible, ApplicationState.Eligible, "staff@nesta")],
            application.History.Select(h => (h.From, h.To, h.By)));
        Assert.Equal("Approval confirmed by phone", application.History[^1].Reason);
    }

    [Fact]
    public void A_complete_application_from_a_council_is_screened_eligible()
    {
        var call = PublishedCall();
        var application = Start(call);
        application.Submit(call, "applicant@adur", Opens.AddDays(2));

        application.Screen(call, Registry, Opens.AddDays(2));

        Assert.Equal(ApplicationState.Eligible, application.State);
        Assert.Empty(application.IneligibilityReasons);
    }
}
