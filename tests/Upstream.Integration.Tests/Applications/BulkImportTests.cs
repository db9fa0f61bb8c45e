using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Upstream.Applications.Bulk;
using Upstream.Applications.Data;
using Upstream.Applications.Domain;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Identity;
using Upstream.Domain.Registry;
using Upstream.Domain.Time;

namespace Upstream.Integration.Tests.Applications;

public sealed class BulkImportTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private const string Header = "lead_council_code,title,summary,upstream_problem,service_area,stage,approved_by,approved_on,budget_pence,resources_assigned,area_characters,contact1_name,contact1_role,contact1_email,contact2_name,contact2_role,contact2_email,partners";
    private const string Adur = "ADU,Wealth building,Keeping wealth local,Exclusion,Economy,early,Chief Executive,2024-06-20,2500000,Two officers,urban;coastal,Alex,Lead,alex@adur.gov.uk,Sam,Deputy,sam@adur.gov.uk,Voluntary Action";
    private const string Aberdeen = "ABE,Early help,Families first,Child poverty,Children,active,Leader,2024-06-01,1000000,One team,urban,Jo,Lead,jo@abe.gov.uk,Kim,Analyst,kim@abe.gov.uk,";

    private static readonly Caller Staff = new("staff-1", new HashSet<string> { Roles.Staff }, null);
    private static readonly DateTimeOffset Now = ProgrammeTime.ToInstant(new DateTime(2024, 7, 20, 9, 0, 0)); // after the close: staff may still record

    [Fact]
    public async Task A_clean_file_imports_every_row_submitted_and_screened()
    {
        var (db, callId) = await CallAsync();

        var report = await Desk(db).ImportAsync(Staff, callId, new StringReader($"{Header}\n{Adur}\n{Aberdeen}\n"), default);

        Assert.True(report.Imported, string.Join("\n", report.Problems));
        var stored = await db.Applications.Where(a => a.CallId == callId).OrderBy(a => a.LeadCouncilCode).ToListAsync();
        Assert.Equal([("ABE", ApplicationState.Eligible), ("ADU", ApplicationState.Eligible)], stored.Select(a => (a.LeadCouncilCode, a.State)));
        Assert.Equal(AreaCharacter.Urban | AreaCharacter.Coastal, stored[1].Initiative.Characters);
        Assert.Equal(("staff-1", "imported by staff"), (stored[1].History[0].By, stored[1].History[0].Reason));
    }

    [Fact]
    public async Task One_bad_row_imports_nothing_and_the_report_names_every_problem_by_line()
    {
        var (db, callId) = await CallAsync();
        var file = string.Join('\n',
            Header,
            Adur,
            "ZZZ,Thing,S,P,Area,someday,,,-5,,urban;suburban,Only,One,not-an-email,,,,",
            Adur.Replace("Wealth building", "Second go", StringComparison.Ordinal));

        var report = await Desk(db).ImportAsync(Staff, callId, new StringReader(file), default);

        Assert.False(report.Imported);
        Assert.Equal(
            [
                (3, "lead_council_code"), (3, "stage"), (3, "budget_pence"), (3, "area_characters"),
                (4, "lead_council_code"),
            ],
            report.Problems.Select(p => (p.Line, p.Field)));
        Assert.Equal("Adur District Council already has an application to this call.", report.Problems[^1].Description);
        Assert.Equal(0, await db.Applications.CountAsync(a => a.CallId == callId));
    }

    [Fact]
    public async Task A_row_that_parses_but_cannot_lead_or_is_incomplete_is_reported_with_every_reason()
    {
        var (db, callId) = await CallAsync();
        var file = $"{Header}\nZZZ,,,,,idea,,,,,,Only,One,only@x.org,,,,\n";

        var report = await Desk(db).ImportAsync(Staff, callId, new StringReader(file), default);

        Assert.Equal(
            ["lead_council_code", "initiative.title", "initiative.summary", "initiative.upstream_problem", "initiative.service_area", "initiative.area_characters", "contacts"],
            report.Problems.Select(p => p.Field));
    }

    [Fact]
    public async Task A_file_without_the_expected_columns_is_refused_naming_them()
    {
        var (db, callId) = await CallAsync();

        var report = await Desk(db).ImportAsync(Staff, callId, new StringReader("lead_council_code,title\nADU,x\n"), default);

        Assert.StartsWith("Missing columns: summary, upstream_problem,", Assert.Single(report.Problems).Description);
    }

    [Fact]
    public async Task Exported_applications_import_into_another_call_unchanged()
    {
        var (db, callId) = await CallAsync();
        await Desk(db).ImportAsync(Staff, callId, new StringReader($"{Header}\n{Adur}\n{Aberdeen}\n"), default);
        var exported = new StringWriter();
        await Desk(db).ExportAsync(Staff, callId, exported, default);

        var (other, otherCallId) = await CallAsync();
        var report = await Desk(other).ImportAsync(Staff, otherCallId, new StringReader(exported.ToString()), default);

        Assert.True(report.Imported, string.Join("\n", report.Problems));
        var before = (await db.Applications.Where(a => a.CallId == callId).ToListAsync()).Select(a => (a.LeadCouncilCode, a.Initiative, Contacts: string.Join("|", a.Contacts), Partners: string.Join("|", a.Partners))).Order();
        var after = (await other.Applications.Where(a => a.CallId == otherCallId).ToListAsync()).Select(a => (a.LeadCouncilCode, a.Initiative, Contacts: string.Join("|", a.Contacts), Partners: string.Join("|", a.Partners))).Order();
        Assert.Equal(before, after);
    }

    private BulkDesk Desk(ApplicationsDb db) => new(db, LocalAuthorityRegistry.Shipped, new TestClock(Now));

    private async Task<(ApplicationsDb Db, Guid CallId)> CallAsync()
    {
        var connectionString = await infrastructure.Shared.CreateDatabaseAsync("bulk");
        await using (var source = NpgsqlDataSource.Create(connectionString))
        {
            await new SchemaMigrator(source, ApplicationsDatabase.Migrations, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        }

        var db = new ApplicationsDb(new DbContextOptionsBuilder<ApplicationsDb>().UseNpgsql(connectionString).Options);
        var opens = ProgrammeTime.ToInstant(new DateTime(2024, 7, 1, 9, 0, 0));
        var call = Call.Draft(
            new CallDetails("Call", "", opens, ProgrammeTime.ToInstant(new DateTime(2024, 7, 15, 12, 0, 0)), new DateOnly(2024, 9, 1), 20, [new ScoringCriterion("upstream", "Upstream", 1)], SelectionQuotas.None),
            opens.AddDays(-5));
        call.Publish(opens.AddDays(-4));
        db.Calls.Add(call);
        await db.SaveChangesAsync();
        return (db, call.Id);
    }
}
