using Microsoft.EntityFrameworkCore;
using Upstream.Applications.Domain;
using Upstream.Applications.Handling;
using Upstream.Applications.Registry;
using Upstream.Applications.Selection;
using Upstream.ServiceDefaults.Identity;
using Upstream.Domain.Refusals;
using Upstream.Domain.Registry;
using Upstream.Domain.Time;

namespace Upstream.Integration.Tests.Applications;

/// <summary>
/// Choosing the cohort against the service's real database. The call has two places, London may have one, and at
/// least one must be coastal: Camden (9) and Brent (8) are in London, Aberdeen (7) in Scotland, Adur (5) is the only
/// coastal council, and Powys has not been reviewed. The best cohort is Camden and Adur.
/// </summary>
public sealed class CohortDeskTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly DateTimeOffset Opens = ProgrammeTime.ToInstant(new DateTime(2024, 7, 1, 9, 0, 0));
    private static readonly DateTimeOffset Closes = ProgrammeTime.ToInstant(new DateTime(2024, 7, 15, 12, 0, 0));
    private static readonly Caller Staff = new("staff-1", new HashSet<string> { Roles.Staff }, null);
    private static readonly Caller Camden = new("applicant-camden", new HashSet<string> { Roles.Applicant }, "CMD");

    [Fact]
    public async Task A_proposal_is_the_best_cohort_within_the_quotas_and_is_kept_with_its_explanations()
    {
        var (database, call, ids) = await ReviewedCallAsync();
        var clock = new TestClock(Closes.AddDays(3));

        await using (var db = database.Context())
        {
            await Desks.Cohort(db, clock).ProposeAsync(Staff, call, [], [], default);
        }

        await using var check = database.Context();
        var stored = await Desks.Cohort(check, clock).GetAsync(Staff, call, null, default);
        Assert.Equal([ids["CMD"], ids["ADU"]], stored.Chosen);
        Assert.Equal(42_000, stored.TotalScoreMilli); // weight 3: Camden 27 points, Adur 15
        Assert.Empty(stored.UnmetQuotas);
        Assert.Equal(
            [
                ("ABE", CohortReason.QuotaConflict),
                ("ADU", CohortReason.ChosenForQuota),
                ("BEN", CohortReason.RegionFull),
                ("CMD", CohortReason.ChosenOnScore),
                ("POW", CohortReason.NotEligible),
            ],
            stored.Explanations.Select(e => (ids.Single(i => i.Value == e.ApplicationId).Key, e.Reason)).Order());
        Assert.Equal("Not reviewed yet: no counting review.", stored.Explanations.Single(e => e.ApplicationId == ids["POW"]).Text);
    }

    [Fact]
    public async Task Staff_can_re_run_with_a_pin_and_both_proposals_are_kept()
    {
        var (database, call, ids) = await ReviewedCallAsync();
        var clock = new TestClock(Closes.AddDays(3));
        await using var db = database.Context();
        var desk = Desks.Cohort(db, clock);
        var first = await desk.ProposeAsync(Staff, call, [], [], default);
        clock.Now = clock.Now.AddMinutes(5);

        var second = await desk.ProposeAsync(Staff, call, [ids["ABE"]], [ids["CMD"]], default);

        Assert.Equal([ids["ABE"], ids["ADU"]], second.Chosen);
        await using var check = database.Context();
        var reader = Desks.Cohort(check, clock);
        Assert.Equal(second.Id, (await reader.GetAsync(Staff, call, null, default)).Id);
        Assert.Equal([ids["CMD"], ids["ADU"]], (await reader.GetAsync(Staff, call, first.Id, default)).Chosen);
        var latest = await reader.GetAsync(Staff, call, null, default);
        Assert.Equal([ids["ABE"]], latest.Pins);
        Assert.Equal([ids["CMD"]], latest.Exclusions);
        Assert.Equal(CohortReason.Pinned, latest.ExplanationFor(ids["ABE"]).Reason);
        Assert.Equal(CohortReason.ExcludedByStaff, latest.ExplanationFor(ids["CMD"]).Reason);
    }

    [Fact]
    public async Task Confirming_selects_the_chosen_declines_the_rest_with_reasons_and_decides_the_call()
    {
        var (database, call, ids) = await ReviewedCallAsync();
        var clock = new TestClock(Closes.AddDays(3));
        CohortDecision decision;
        await using (var db = database.Context())
        {
            var desk = Desks.Cohort(db, clock);
            var proposal = await desk.ProposeAsync(Staff, call, [], [], default);
            clock.Now = clock.Now.AddHours(1);
            decision = await desk.ConfirmAsync(Staff, call, proposal.Id, default);
        }

        Assert.Equal([ids["CMD"], ids["ADU"]], decision.Selected.Select(a => a.Id));
        Assert.Equal(new[] { ids["ABE"], ids["BEN"], ids["POW"] }.Order(), decision.Declined.Select(a => a.Id).Order());
        await using var check = database.Context();
        var states = await check.Applications.Where(a => a.CallId == call).ToDictionaryAsync(a => a.LeadCouncilCode);
        Assert.Equal(
            [("ABE", ApplicationState.Declined), ("ADU", ApplicationState.Selected), ("BEN", ApplicationState.Declined), ("CMD", ApplicationState.Selected), ("POW", ApplicationState.Declined)],
            states.Values.Select(a => (a.LeadCouncilCode, a.State)).Order());
        var brent = states["BEN"].History[^1];
        Assert.Equal(("staff-1", clock.Now, "London already has its maximum of 1, taken by better-ranked or pinned applications."), (brent.By, brent.At, brent.Reason));
        Assert.Equal(CallState.Decided, (await check.Calls.SingleAsync(c => c.Id == call)).StateAt(clock.Now));
        var confirmed = await Desks.Cohort(check, clock).GetAsync(Staff, call, null, default);
        Assert.Equal(("staff-1", clock.Now, clock.Now), (confirmed.ConfirmedBy, confirmed.ConfirmedAt, confirmed.NotificationRecordedAt));
    }

    [Fact]
    public async Task A_cohort_is_confirmed_once()
    {
        var (database, call, _) = await ReviewedCallAsync();
        var clock = new TestClock(Closes.AddDays(3));
        await using var db = database.Context();
        var desk = Desks.Cohort(db, clock);
        var proposal = await desk.ProposeAsync(Staff, call, [], [], default);
        await desk.ConfirmAsync(Staff, call, proposal.Id, default);

        await using var other = database.Context();
        var again = await Assert.ThrowsAsync<DomainRuleException>(() => Desks.Cohort(other, clock).ConfirmAsync(Staff, call, proposal.Id, default));
        var rerun = await Assert.ThrowsAsync<DomainRuleException>(() => Desks.Cohort(other, clock).ProposeAsync(Staff, call, [], [], default));

        Assert.Equal("The cohort for this call was confirmed at 12:00 on Thursday 18 July 2024.", again.Message);
        Assert.Equal("cohort.confirmed", rerun.Rule);
        Assert.Equal(1, await other.CohortProposals.CountAsync(p => p.CallId == call && p.ConfirmedAt != null));
    }

    [Fact]
    public async Task Two_staff_confirming_at_the_same_moment_one_wins()
    {
        var (database, call, _) = await ReviewedCallAsync();
        var clock = new TestClock(Closes.AddDays(3));
        Guid proposalId;
        await using (var db = database.Context())
        {
            proposalId = (await Desks.Cohort(db, clock).ProposeAsync(Staff, call, [], [], default)).Id;
        }

        await using var first = database.Context();
        await using var second = database.Context();
        using var start = new ManualResetEventSlim();
        var attempts = new[] { first, second }.Select(db => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await Desks.Cohort(db, clock).ConfirmAsync(Staff, call, proposalId, default);
                return "confirmed";
            }
            catch (Exception e) when (e is ConflictException or DomainRuleException)
            {
                return "refused";
            }
        })).ToList();
        start.Set();

        Assert.Equal(["confirmed", "refused"], (await Task.WhenAll(attempts)).Order());
        await using var check = database.Context();
        Assert.Equal(2, await check.Applications.CountAsync(a => a.CallId == call && a.State == ApplicationState.Selected));
    }

    [Fact]
    public async Task Only_the_latest_proposal_made_from_unchanged_reviews_can_be_confirmed()
    {
        var (database, call, ids) = await ReviewedCallAsync();
        var clock = new TestClock(Closes.AddDays(3));
        await using var db = database.Context();
        var desk = Desks.Cohort(db, clock);
        var superseded = await desk.ProposeAsync(Staff, call, [], [], default);
        clock.Now = clock.Now.AddMinutes(1);
        var latest = await desk.ProposeAsync(Staff, call, [ids["ABE"]], [], default);

        var error = await Assert.ThrowsAsync<DomainRuleException>(() => desk.ConfirmAsync(Staff, call, superseded.Id, default));
        Assert.Equal("cohort.superseded", error.Rule);

        await new ReviewDesk(db, clock).ScoreAsync(Staff, ids["POW"], new Dictionary<string, int> { ["upstream"] = 10 }, default);
        var stale = await Assert.ThrowsAsync<ConflictException>(() => desk.ConfirmAsync(Staff, call, latest.Id, default));
        Assert.Equal("Applications or reviews have changed since this cohort was proposed; propose it again.", stale.Message);
        await using var check = database.Context();
        Assert.Equal(0, await check.Applications.CountAsync(a => a.CallId == call && (a.State == ApplicationState.Selected || a.State == ApplicationState.Declined)));
    }

    [Fact]
    public async Task Only_staff_choose_the_cohort_and_only_after_the_call_closes()
    {
        var (database, call, _) = await ReviewedCallAsync();
        await using var db = database.Context();
        var desk = Desks.Cohort(db, new TestClock(Closes.AddDays(3)));
        var proposal = await desk.ProposeAsync(Staff, call, [], [], default);

        Assert.Equal("Only programme staff can propose cohorts.", (await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.ProposeAsync(Camden, call, [], [], default))).Message);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.GetAsync(Camden, call, null, default));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.ConfirmAsync(Camden, call, proposal.Id, default));
        var early = await Assert.ThrowsAsync<DomainRuleException>(() => Desks.Cohort(db, new TestClock(Closes.AddMinutes(-1))).ProposeAsync(Staff, call, [], [], default));
        Assert.Equal("A cohort can be chosen only after the call closes (12:00 on Monday 15 July 2024).", early.Message);
    }

    /// <summary>A closed call whose applications are imported, screened and reviewed (one reviewer, weight 3).</summary>
    private async Task<(ApplicationsDatabase Database, Guid Call, Dictionary<string, Guid> Ids)> ReviewedCallAsync()
    {
        var database = await ApplicationsDatabase.CreateAsync(infrastructure);
        var clock = new TestClock(Closes.AddDays(1));
        await using var db = database.Context();
        var call = Call.Draft(
            new CallDetails("Upstream Collaborative 2024", "Upstream of social problems.", Opens, Closes, new DateOnly(2024, 9, 1), 2,
                [new ScoringCriterion("upstream", "Works upstream", 3)],
                new SelectionQuotas([new RegionQuota("London", 0, 1)], [new CharacterQuota(AreaCharacter.Coastal, 1)])),
            Opens.AddDays(-10));
        call.Publish(Opens.AddDays(-9));
        db.Calls.Add(call);
        var scores = new Dictionary<string, int?> { ["CMD"] = 9, ["BEN"] = 8, ["ABE"] = 7, ["ADU"] = 5, ["POW"] = null };
        var ids = new Dictionary<string, Guid>();
        foreach (var (code, _) in scores)
        {
            var lead = LeadEligibility.Check(LocalAuthorityRegistry.Shipped, code, new DateOnly(2024, 7, 15));
            var application = Application.Import(call, lead, Draft(code == "ADU" ? AreaCharacter.Coastal : AreaCharacter.Urban), "staff-1", clock.Now);
            application.Screen(call, LocalAuthorityRegistry.Shipped, clock.Now);
            db.Applications.Add(application);
            ids[code] = application.Id;
        }

        await db.SaveChangesAsync();
        var reviews = new ReviewDesk(db, clock);
        foreach (var (code, score) in scores.Where(s => s.Value is not null))
        {
            await reviews.ScoreAsync(Staff, ids[code], new Dictionary<string, int> { ["upstream"] = score!.Value }, default);
        }

        return (database, call.Id, ids);
    }

    private static ApplicationDraft Draft(AreaCharacter characters) => new(
        new Initiative("Early help", "Families first.", "Child poverty", "Children", InitiativeStage.Active,
            new InternalApproval("Chief Executive", new DateOnly(2024, 6, 20)), 1_000_000, "One team", characters),
        [new Contact("Alex Example", "Lead", "alex@example.gov.uk"), new Contact("Sam Example", "Deputy", "sam@example.gov.uk")],
        []);
}
