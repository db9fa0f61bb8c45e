using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Upstream.Contracts.Network;
using Upstream.Domain.Time;
using Upstream.Network.Hosting;
using Upstream.Network.V1;
using Upstream.Protos.Errors;
using Upstream.ServiceDefaults.Identity;
using static Upstream.Integration.Tests.Network.Visits.VisitSamples;

namespace Upstream.Integration.Tests.Network.Visits;

/// <summary>Discovery visits and their findings: staff only, each finding heard on the broker once, quotes only with consent.</summary>
public sealed class VisitApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly DateTimeOffset Now = ProgrammeTime.ToInstant(new DateTime(2030, 11, 4, 16, 0, 0));

    [Fact]
    public async Task Staff_record_a_visit_with_findings_and_each_finding_reaches_the_broker_once()
    {
        await using var host = await StartAsync();
        await using var tap = await EventTap.StartAsync<FindingRecorded>(host.Broker);
        var staff = host.As("staff-1", Roles.Staff);

        var visit = await Visits(host).RecordVisitAsync(Visit("BRI", Barrier(consent: true), Enabler()), staff);

        Assert.Equal(("BRI", "Bristol City Council", "2030-11-04", 2), (visit.CouncilCode, visit.CouncilName, visit.VisitedOn, visit.Findings.Count));
        Assert.Equal(["Asha Patel", "Tom Reed"], visit.Visitors);
        var published = await tap.WaitForAsync<FindingRecorded>(2);
        Assert.Equal(2, published.Count);
        var barrier = published.Single(f => f.Kind == "barrier");
        Assert.Equal(
            (Guid.Parse(visit.Id), "BRI", "South West", new DateOnly(2030, 11, 4), "Data sharing", "infrastructure-and-capabilities", "We work blind."),
            (barrier.VisitId, barrier.CouncilCode, barrier.Region, barrier.VisitedOn, barrier.Theme, barrier.Dimension, barrier.Quote));
        Assert.Equal(["urban", "coastal"], barrier.AreaCharacters);
        Assert.Equal(Guid.Parse(visit.Findings.Single(f => f.Kind == FindingKind.Barrier).Id), barrier.FindingId);
        Assert.Equal(("enabler", "values-and-principles"), (published.Single(f => f != barrier).Kind, published.Single(f => f != barrier).Dimension));
    }

    [Fact]
    public async Task A_quote_without_consent_is_kept_for_staff_but_never_published()
    {
        await using var host = await StartAsync();
        await using var tap = await EventTap.StartAsync<FindingRecorded>(host.Broker);
        var staff = host.As("staff-1", Roles.Staff);

        var visit = await Visits(host).RecordVisitAsync(Visit("BRI", Barrier(consent: false)), staff);

        var stored = Assert.Single((await Visits(host).GetVisitAsync(new VisitGetRequest { VisitId = visit.Id }, staff)).Findings);
        Assert.Equal(("We work blind.", false), (stored.Quote, stored.QuoteConsent));
        Assert.Null(Assert.Single(await tap.WaitForAsync<FindingRecorded>(1)).Quote);
    }

    [Fact]
    public async Task Staff_add_a_finding_to_an_earlier_visit()
    {
        await using var host = await StartAsync();
        await using var tap = await EventTap.StartAsync<FindingRecorded>(host.Broker);
        var staff = host.As("staff-2", Roles.Staff);
        var visit = await Visits(host).RecordVisitAsync(Visit("ADU"), staff);
        host.Clock.Now = Now.AddDays(3);

        var added = await Visits(host).AddFindingAsync(new FindingAddRequest { VisitId = visit.Id, Finding = Enabler() }, staff);

        Assert.Equal((visit.Id, "ADU", "2030-11-04"), (added.VisitId, added.CouncilCode, added.VisitedOn));
        Assert.Equal([added.Id], (await Visits(host).GetVisitAsync(new VisitGetRequest { VisitId = visit.Id }, staff)).Findings.Select(f => f.Id));
        var published = Assert.Single(await tap.WaitForAsync<FindingRecorded>(1));
        Assert.Equal((Guid.Parse(added.Id), Now.AddDays(3)), (published.FindingId, published.OccurredAt));
        await Refusal.Of(StatusCode.NotFound, Visits(host).AddFindingAsync(new FindingAddRequest { VisitId = Guid.NewGuid().ToString(), Finding = Enabler() }, staff));
    }

    [Fact]
    public async Task Members_partners_and_applicants_are_refused_every_visit_and_finding_call_and_anonymous_callers_are_asked_to_sign_in()
    {
        await using var host = await StartAsync();
        var visit = await Visits(host).RecordVisitAsync(Visit("BRI", Enabler()), host.As("staff-1", Roles.Staff));
        var callers = new (Metadata? Caller, StatusCode Expected)[]
        {
            (host.As("member-bristol", Roles.Member, "BRI"), StatusCode.PermissionDenied),
            (host.As("partner-1", Roles.Partner), StatusCode.PermissionDenied),
            (host.As("applicant-bristol", Roles.Applicant, "BRI"), StatusCode.PermissionDenied),
            (null, StatusCode.Unauthenticated),
        };

        foreach (var (caller, expected) in callers)
        {
            await Refusal.Of(expected, Visits(host).RecordVisitAsync(Visit("BRI", Enabler()), caller));
            await Refusal.Of(expected, Visits(host).GetVisitAsync(new VisitGetRequest { VisitId = visit.Id }, caller));
            await Refusal.Of(expected, Visits(host).ListVisitsAsync(new VisitListRequest { CouncilCode = "BRI" }, caller));
            await Refusal.Of(expected, Visits(host).AddFindingAsync(new FindingAddRequest { VisitId = visit.Id, Finding = Enabler() }, caller));
            await Refusal.Of(expected, Findings(host).ListFindingsAsync(new FindingListRequest(), caller));
        }

        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM findings"));
    }

    [Fact]
    public async Task Bad_visits_and_findings_name_the_fields_at_fault_and_nothing_is_recorded()
    {
        await using var host = await StartAsync();
        var staff = host.As("staff-1", Roles.Staff);

        var untagged = Enabler();
        untagged.Kind = FindingKind.Unspecified;
        var noTag = await Refusal.Of(StatusCode.InvalidArgument, Visits(host).RecordVisitAsync(Visit("BRI", Barrier(consent: true), untagged), staff));
        Assert.Equal(("findings[1].kind", "Tag the finding as a driver, a barrier or an enabler."), (Assert.Single(noTag.GetFieldViolations()).Field, noTag.GetFieldViolations()[0].Description));

        var unknown = await Refusal.Of(StatusCode.InvalidArgument, Visits(host).RecordVisitAsync(Visit("NOPE", Enabler()), staff));
        Assert.Equal("council_code", Assert.Single(unknown.GetFieldViolations()).Field);

        var future = Visit("BRI");
        future.VisitedOn = "2030-11-05";
        future.Visitors.Clear();
        var refused = await Refusal.Of(StatusCode.InvalidArgument, Visits(host).RecordVisitAsync(future, staff));
        Assert.Equal(["visited_on", "visitors"], refused.GetFieldViolations().Select(v => v.Field));

        future.VisitedOn = "4 November 2030";
        Assert.Equal("visited_on", Assert.Single((await Refusal.Of(StatusCode.InvalidArgument, Visits(host).RecordVisitAsync(future, staff))).GetFieldViolations()).Field);

        var longQuote = Barrier(consent: true);
        longQuote.Quote = new string('q', 281);
        var visit = await Visits(host).RecordVisitAsync(Visit("BRI"), staff);
        var tooLong = await Refusal.Of(StatusCode.InvalidArgument, Visits(host).AddFindingAsync(new FindingAddRequest { VisitId = visit.Id, Finding = longQuote }, staff));
        Assert.Equal("finding.quote", Assert.Single(tooLong.GetFieldViolations()).Field);
        var missing = await Refusal.Of(StatusCode.InvalidArgument, Visits(host).AddFindingAsync(new FindingAddRequest { VisitId = visit.Id }, staff));
        Assert.Equal(["finding.kind", "finding.theme", "finding.dimension", "finding.text"], missing.GetFieldViolations().Select(v => v.Field));

        await NetworkMembers.LeaveAsync(host, "ADU");
        await Refusal.Of(StatusCode.FailedPrecondition, Visits(host).RecordVisitAsync(Visit("ADU", Enabler()), staff));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM findings"));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM discovery_visits"));
    }

    [Fact]
    public async Task Staff_list_findings_by_kind_theme_dimension_and_member()
    {
        await using var host = await StartAsync();
        var staff = host.As("staff-1", Roles.Staff);
        var bristol = await Visits(host).RecordVisitAsync(Visit("BRI", Barrier(consent: true), Enabler()), staff);
        var adur = await Visits(host).RecordVisitAsync(Visit("ADU", Barrier(consent: false)), staff);
        string Id(Visit visit, FindingKind kind) => visit.Findings.Single(f => f.Kind == kind).Id;

        async Task<IEnumerable<string>> ListAsync(FindingListRequest request) => (await Findings(host).ListFindingsAsync(request, staff)).Findings.Select(f => f.Id);

        Assert.Equal(3, (await ListAsync(new FindingListRequest())).Count());
        Assert.Equal(new[] { Id(bristol, FindingKind.Barrier), Id(adur, FindingKind.Barrier) }.Order(), (await ListAsync(new FindingListRequest { Kind = FindingKind.Barrier })).Order());
        Assert.Equal([Id(bristol, FindingKind.Enabler)], await ListAsync(new FindingListRequest { Dimension = FindingDimension.ValuesAndPrinciples }));
        Assert.Equal([Id(bristol, FindingKind.Enabler)], await ListAsync(new FindingListRequest { Theme = "LEADERSHIP" }));
        Assert.Equal([Id(adur, FindingKind.Barrier)], await ListAsync(new FindingListRequest { Kind = FindingKind.Barrier, CouncilCode = "adu" }));
        Assert.Empty(await ListAsync(new FindingListRequest { Kind = FindingKind.Driver }));
        Assert.Equal([adur.Id], (await Visits(host).ListVisitsAsync(new VisitListRequest { CouncilCode = "ADU" }, staff)).Visits.Select(v => v.Id));
        var unknown = await Refusal.Of(StatusCode.InvalidArgument, Findings(host).ListFindingsAsync(new FindingListRequest { CouncilCode = "ZZZ" }, staff));
        Assert.Equal("council_code", Assert.Single(unknown.GetFieldViolations()).Field);
    }

    [Fact]
    public async Task Findings_over_rest_are_for_staff_only()
    {
        await using var host = await StartAsync();

        async Task<HttpStatusCode> GetAsync(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/findings?kind=FINDING_KIND_BARRIER&councilCode=BRI");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await host.Http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync(host.Token("member-bristol", Roles.Member, "BRI")));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(host.Token("staff-1", Roles.Staff)));
    }

    private async Task<ServiceHost> StartAsync()
    {
        var host = await ServiceHost.StartAsync(infrastructure.Shared, "network", NetworkApp.Build, Now);
        await NetworkMembers.JoinAsync(host, "BRI", "Bristol City Council", "South West", "urban", "coastal");
        await NetworkMembers.JoinAsync(host, "ADU", "Adur District Council", "South East");
        return host;
    }

    private static VisitService.VisitServiceClient Visits(ServiceHost host) => host.Client<VisitService.VisitServiceClient>();

    private static FindingService.FindingServiceClient Findings(ServiceHost host) => host.Client<FindingService.FindingServiceClient>();
}
