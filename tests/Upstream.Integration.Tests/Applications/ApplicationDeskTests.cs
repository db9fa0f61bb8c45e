using Microsoft.EntityFrameworkCore;
using Upstream.Applications.Data;
using Upstream.Applications.Domain;
using Upstream.Applications.Handling;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Identity;
using Upstream.Domain.Refusals;
using Upstream.Domain.Time;

namespace Upstream.Integration.Tests.Applications;

/// <summary>The Applications use cases against the service's real, migrated database.</summary>
public sealed class ApplicationDeskTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly DateTimeOffset Opens = ProgrammeTime.ToInstant(new DateTime(2024, 7, 1, 9, 0, 0));
    private static readonly DateTimeOffset Closes = ProgrammeTime.ToInstant(new DateTime(2024, 7, 15, 12, 0, 0));
    private static readonly Caller Adur = new("applicant-adur", new HashSet<string> { Roles.Applicant }, "ADU");
    private static readonly Caller Aberdeen = new("applicant-aberdeen", new HashSet<string> { Roles.Applicant }, "ABE");
    private static readonly Caller Reviewer1 = new("reviewer-1", new HashSet<string> { Roles.Staff }, null);
    private static readonly Caller Reviewer2 = new("reviewer-2", new HashSet<string> { Roles.Staff }, null);

    [Fact]
    public async Task The_model_agrees_with_the_services_migrations()
    {
        var database = await MigratedDatabaseAsync();
        await using var db = database.Context();

        Assert.Empty(await SchemaAgreement.FindDifferencesAsync(db));
    }

    [Fact]
    public async Task An_application_round_trips_with_its_initiative_contacts_and_history()
    {
        var database = await MigratedDatabaseAsync();
        var callId = await database.PublishedCallAsync();
        var clock = new TestClock(Opens.AddDays(2));
        Guid id;
        await using (var db = database.Context())
        {
            var desk = Desks.Application(db, clock);
            id = (await desk.StartAsync(Adur, callId, "ADU", Draft(), default)).Id;
            await desk.SubmitAsync(Adur, id, default);
        }

        await using (var db = database.Context())
        {
            var stored = await db.Applications.SingleAsync(a => a.Id == id);
            Assert.Equal(ApplicationState.Eligible, stored.State);
            Assert.Equal(Draft().Initiative, stored.Initiative);
            Assert.Equal(Draft().Contacts, stored.Contacts);
            Assert.Equal([ApplicationState.Submitted, ApplicationState.Eligible], stored.History.Select(h => h.To));
            Assert.Equal(Opens.AddDays(2), stored.SubmittedAt);
        }
    }

    [Fact]
    public async Task Two_applications_by_the_same_council_at_the_same_moment_one_wins()
    {
        var database = await MigratedDatabaseAsync();
        var callId = await database.PublishedCallAsync();
        var clock = new TestClock(Opens.AddDays(2));
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var db = database.Context();
            var desk = Desks.Application(db, clock);
            start.Wait();
            try
            {
                await desk.StartAsync(Adur, callId, "ADU", Draft(), default);
                return "won";
            }
            catch (ConflictException e)
            {
                return e.Message;
            }
        })).ToList();
        start.Set();

        Assert.Equal(["Adur District Council already has an application to this call.", "won"], (await Task.WhenAll(attempts)).Order());
        await using var check = database.Context();
        Assert.Equal(1, await check.Applications.CountAsync(a => a.CallId == callId));
    }

    [Theory]
    [InlineData("GMCA", "Greater Manchester Combined Authority")]
    [InlineData("WMCA", "West Midlands Combined Authority")]
    public async Task Authorities_with_longer_registry_codes_can_lead_and_submit(string code, string name)
    {
        var database = await MigratedDatabaseAsync();
        var callId = await database.PublishedCallAsync();
        var applicant = new Caller("applicant-" + code, new HashSet<string> { Roles.Applicant }, code);
        await using var db = database.Context();
        var desk = Desks.Application(db, new TestClock(Opens.AddDays(2)));

        var started = await desk.StartAsync(applicant, callId, code, Draft(), default);
        var submitted = await desk.SubmitAsync(applicant, started.Id, default);

        Assert.Equal(code, submitted.LeadCouncilCode);
        Assert.Equal(name, submitted.LeadCouncilName);
        Assert.NotEqual(ApplicationState.Submitted, submitted.State); // screened either way
    }

    [Fact]
    public async Task A_council_that_withdrew_may_apply_again()
    {
        var database = await MigratedDatabaseAsync();
        var callId = await database.PublishedCallAsync();
        await using var db = database.Context();
        var desk = Desks.Application(db, new TestClock(Opens.AddDays(2)));
        var first = await desk.StartAsync(Adur, callId, "ADU", Draft(), default);
        await desk.WithdrawAsync(Adur, first.Id, default);

        var second = await desk.StartAsync(Adur, callId, "ADU", Draft(), default);

        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Two_editors_saving_the_same_draft_the_second_is_told_to_reload()
    {
        var database = await MigratedDatabaseAsync();
        var callId = await database.PublishedCallAsync();
        var clock = new TestClock(Opens.AddDays(2));
        Guid id;
        await using (var db = database.Context())
        {
            id = (await Desks.Application(db, clock).StartAsync(Adur, callId, "ADU", Draft(), default)).Id;
        }

        await using var first = database.Context();
        await using var second = database.Context();
        var one = await first.Applications.SingleAsync(a => a.Id == id);
        var two = await second.Applications.SingleAsync(a => a.Id == id);
        var call = await first.Calls.SingleAsync(c => c.Id == callId);
        one.SaveDraft(call, Draft() with { Partners = ["First"] }, "a", clock.GetUtcNow());
        two.SaveDraft(call, Draft() with { Partners = ["Second"] }, "b", clock.GetUtcNow());
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task Submission_after_the_close_changes_nothing_in_the_database()
    {
        var database = await MigratedDatabaseAsync();
        var callId = await database.PublishedCallAsync();
        var clock = new TestClock(Opens.AddDays(2));
        await using var db = database.Context();
        var desk = Desks.Application(db, clock);
        var id = (await desk.StartAsync(Adur, callId, "ADU", Draft(), default)).Id;
        clock.Now = Closes;

        var error = await Assert.ThrowsAsync<DomainRuleException>(() => desk.SubmitAsync(Adur, id, default));

        Assert.Equal("The call closed at 12:00 on Monday 15 July 2024.", error.Message);
        await using var check = database.Context();
        Assert.Equal(ApplicationState.Draft, (await check.Applications.SingleAsync(a => a.Id == id)).State);
    }

    [Fact]
    public async Task The_first_review_puts_an_application_under_review_and_a_reviewer_cannot_vote_twice()
    {
        var database = await MigratedDatabaseAsync();
        var callId = await database.PublishedCallAsync();
        var clock = new TestClock(Opens.AddDays(2));
        await using var db = database.Context();
        var desk = Desks.Application(db, clock);
        var id = (await desk.StartAsync(Adur, callId, "ADU", Draft(), default)).Id;
        await desk.SubmitAsync(Adur, id, default);
        var reviews = new ReviewDesk(db, clock);
        var scores = new Dictionary<string, int> { ["upstream"] = 7 };

        await reviews.ScoreAsync(Reviewer1, id, scores, default);
        await reviews.DeclareConflictAsync(Reviewer2, id, "Former employee", default);

        await using var other = database.Context();
        var error = await Assert.ThrowsAsync<ConflictException>(() => new ReviewDesk(other, clock).ScoreAsync(Reviewer1, id, scores, default));
        Assert.Equal("You have already reviewed this application.", error.Message);
        Assert.Equal(ApplicationState.UnderReview, (await other.Applications.SingleAsync(a => a.Id == id)).State);
        Assert.Equal(new Standing(21, 1), (await new ReviewDesk(other, clock).StandingsAsync(callId, default))[id]);
    }

    [Fact]
    public async Task A_council_sees_and_changes_only_its_own_applications_and_staff_see_all()
    {
        var database = await MigratedDatabaseAsync();
        var callId = await database.PublishedCallAsync();
        await using var db = database.Context();
        var desk = Desks.Application(db, new TestClock(Opens.AddDays(2)));
        var adur = await desk.StartAsync(Adur, callId, "ADU", Draft(), default);
        await desk.StartAsync(Aberdeen, callId, "ABE", Draft(), default);

        Assert.Equal("You can see and change only your own council's applications.", (await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.SubmitAsync(Aberdeen, adur.Id, default))).Message);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.GetAsync(Aberdeen, adur.Id, default));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.StartAsync(Aberdeen, callId, "ADU", Draft(), default));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => desk.GrantExtensionAsync(Adur, adur.Id, Closes.AddDays(1), "please", default));
        Assert.Equal(["ABE"], (await desk.ListAsync(Aberdeen, callId, [], default)).Select(a => a.LeadCouncilCode));
        Assert.Equal(["ABE", "ADU"], (await desk.ListAsync(Reviewer1, callId, [], default)).Select(a => a.LeadCouncilCode).Order());
        await Assert.ThrowsAsync<PermissionDeniedException>(() => new ReviewDesk(db, new TestClock(Opens.AddDays(2))).ReviewsAsync(Adur, adur.Id, allReviews: false, default));
    }

    private static ApplicationDraft Draft() => new(
        new Initiative("Community wealth building", "Keeping wealth local.", "Economic exclusion", "Economic development", InitiativeStage.Early,
            new InternalApproval("Chief Executive", new DateOnly(2024, 6, 20)), 2_500_000, "Two officers", AreaCharacter.Urban | AreaCharacter.Coastal),
        [new Contact("Alex Example", "Lead", "alex@example.gov.uk"), new Contact("Sam Example", "Deputy", "sam@example.gov.uk")],
        []);

    private async Task<Database> MigratedDatabaseAsync() => new((await ApplicationsDatabase.CreateAsync(infrastructure)).ConnectionString);

    private sealed record Database(string ConnectionString)
    {
        public ApplicationsDb Context() => new(new DbContextOptionsBuilder<ApplicationsDb>().UseNpgsql(ConnectionString).Options);

        public async Task<Guid> PublishedCallAsync()
        {
            await using var db = Context();
            var call = Call.Draft(
                new CallDetails("Upstream Collaborative 2024", "Upstream of social problems.", Opens, Closes, new DateOnly(2024, 9, 1), 20,
                    [new ScoringCriterion("upstream", "Works upstream", 3)], SelectionQuotas.None),
                Opens.AddDays(-10));
            call.Publish(Opens.AddDays(-9));
            db.Calls.Add(call);
            await db.SaveChangesAsync();
            return call.Id;
        }
    }
}
