using Grpc.Core;
using Upstream.Contracts.Events;
using Upstream.Contracts.Grants;
using Upstream.Contracts.Network;
using Upstream.Insights.V1;
using Upstream.Network.Hosting;
using Upstream.Network.V1;
using Upstream.ServiceDefaults.Identity;
using static Upstream.Integration.Tests.Network.Visits.VisitSamples;

namespace Upstream.Integration.Tests.Insights;

/// <summary>The evidence store: every other service's events land once, keyed to council, theme, region and phase; patterns come from them.</summary>
public sealed class EvidenceTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Findings_recorded_in_Network_show_up_in_the_patterns_and_the_operating_model_view()
    {
        var broker = await infrastructure.Shared.CreateVirtualHostAsync("insights-findings");
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared, broker);
        await using var network = await ServiceHost.StartAsync(infrastructure.Shared, "network", NetworkApp.Build, InsightsHost.Now, broker);
        await NetworkMembers.JoinAsync(network, "BRI", "Bristol City Council", "South West", "urban", "coastal");
        await NetworkMembers.JoinAsync(network, "ADU", "Adur District Council", "South East", "rural");
        await insights.PublishAsync(new PhaseStarted(Guid.NewGuid(), InsightsHost.Now.AddDays(-10), "discovery", new DateOnly(2030, 10, 26), null));
        await insights.HeardAsync("SELECT count(*) FROM programme_phase WHERE phase = 'discovery'", 1, "Insights to hear the phase");
        var visits = network.Client<VisitService.VisitServiceClient>();
        var staff = network.As("staff-1", Roles.Staff);

        await visits.RecordVisitAsync(Visit("BRI", Barrier(consent: true), Enabler()), staff);
        await visits.RecordVisitAsync(Visit("ADU", Barrier(consent: false)), staff);

        var patterns = await Eventually.ReturnsAsync(
            () => insights.Patterns.GetInsightPatternsAsync(new GetInsightPatternsRequest(), insights.Partner).ResponseAsync,
            p => p.ByTheme.Sum(t => t.Drivers + t.Barriers + t.Enablers) == 3,
            "the three findings to reach the patterns");
        Assert.Equal([("Data sharing", 0, 2, 0), ("Leadership", 0, 0, 1)], patterns.ByTheme.Select(Counts));
        Assert.Equal([("South West", 0, 1, 1), ("South East", 0, 1, 0)], patterns.ByRegion.Select(Counts));
        Assert.Equal([("coastal", 0, 1, 1), ("urban", 0, 1, 1), ("rural", 0, 1, 0)], patterns.ByAreaCharacter.Select(Counts));
        Assert.Equal([("discovery", 0, 2, 1)], patterns.ByPhase.Select(Counts));
        Assert.Equal([("2030-11", 0, 2, 1)], patterns.ByMonth.Select(Counts));
        var shared = Assert.Single(patterns.FrequentBarriers);
        Assert.Equal(("Data sharing", "Teams cannot see each other's case data.", 2), (shared.Theme, shared.Text, shared.Councils));

        Assert.Equal(["purpose", "mindset", "values-and-principles", "infrastructure-and-capabilities", "outcomes"], patterns.OperatingModel.Select(d => d.Dimension));
        var infrastructureView = patterns.OperatingModel.Single(d => d.Dimension == "infrastructure-and-capabilities");
        Assert.Equal(2, infrastructureView.Barriers);
        Assert.Equal(["We work blind."], infrastructureView.Findings.Select(f => f.Quote).Where(q => q.Length > 0));
        Assert.Equal(["BRI", "ADU"], infrastructureView.Findings.Select(f => f.CouncilCode).Order().Reverse());
        Assert.Equal("The chief executive backs prevention publicly.", Assert.Single(patterns.OperatingModel.Single(d => d.Dimension == "values-and-principles").Findings).Text);

        var southEast = await insights.Patterns.GetInsightPatternsAsync(new GetInsightPatternsRequest { Region = "South East" }, insights.Staff);
        Assert.Equal([("Data sharing", 0, 1, 0)], southEast.ByTheme.Select(Counts));
        var rural = await insights.Patterns.GetInsightPatternsAsync(new GetInsightPatternsRequest { AreaCharacter = "coastal", Theme = "leadership" }, insights.Staff);
        Assert.Equal([("Leadership", 0, 0, 1)], rural.ByTheme.Select(Counts));
    }

    [Fact]
    public async Task Patterns_are_for_staff_and_partners_only()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);

        var member = await Assert.ThrowsAsync<RpcException>(() => insights.Patterns.GetInsightPatternsAsync(new GetInsightPatternsRequest(), insights.Member).ResponseAsync);
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => insights.Patterns.GetInsightPatternsAsync(new GetInsightPatternsRequest()).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, StatusCode.Unauthenticated), (member.StatusCode, anonymous.StatusCode));
    }

    [Fact]
    public async Task Every_kind_of_evidence_lands_once_keyed_to_its_members_region_and_an_erased_attendee_is_forgotten()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);
        var at = InsightsHost.Now;
        var person = Guid.NewGuid();
        var other = Guid.NewGuid();
        await insights.PublishAsync(new MemberJoined(
            Guid.NewGuid(), at.AddDays(-30), Guid.NewGuid(), "bri", "Bristol City Council", "South West", "Unitary authority", "E06000023", ["urban"], "Early help",
            [new MemberPerson(person, "Ada Lovelace", "Lead", "ada@example.gov.uk", true)], false));
        await insights.HeardAsync("SELECT count(*) FROM member_councils WHERE council_code = 'BRI' AND region = 'South West'", 1, "Insights to hear Bristol joined");

        var attendance = new AttendanceRecorded(Guid.NewGuid(), at, Guid.NewGuid(), "First residential", "residential", new DateOnly(2030, 11, 5), person, "BRI", true);
        await insights.PublishAsync(attendance);
        await insights.PublishAsync(attendance);
        await insights.PublishAsync(attendance with { EventId = Guid.NewGuid(), PersonId = other, Attended = false });
        await insights.PublishAsync(new LearningProductSubmitted(Guid.NewGuid(), at, Guid.NewGuid(), Guid.NewGuid(), "Data sharing", "A data sharing playbook", "How three councils agreed.", null, null, ["BRI", "ADU"]));
        await insights.PublishAsync(new GrantAwarded(Guid.NewGuid(), at, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "BRI", ["ADU"], "Text nudges", 1_500_000));
        await insights.PublishAsync(new GrantReportSubmitted(Guid.NewGuid(), at, Guid.NewGuid(), Guid.NewGuid(), "BRI", new DateOnly(2031, 3, 31)));

        await insights.HeardAsync("SELECT count(*) FROM evidence", 5, "the five pieces of evidence");
        Assert.Equal(2, await insights.CountAsync("SELECT count(*) FROM evidence WHERE source = 'Attendance' AND region = 'South West'"));
        Assert.Equal(1, await insights.CountAsync("SELECT count(*) FROM evidence WHERE source = 'GrantAward' AND amount_pence = 1500000 AND council_codes = '[\"BRI\", \"ADU\"]'"));
        Assert.Equal(1, await insights.CountAsync("SELECT count(*) FROM evidence WHERE source = 'LearningProduct' AND theme = 'Data sharing' AND region = 'South West'"));
        Assert.Equal(1, await insights.CountAsync("SELECT count(*) FROM evidence WHERE source = 'GrantReport'"));
        Assert.Equal(1, await insights.CountAsync($"SELECT count(*) FROM evidence WHERE person_id = '{person}'"));

        await insights.PublishAsync(new PersonErased(Guid.NewGuid(), at.AddDays(1), person, "BRI", "hash"));

        await insights.HeardAsync($"SELECT count(*) FROM evidence WHERE person_id = '{person}'", 0, "the erased attendee to be forgotten");
        Assert.Equal(2, await insights.CountAsync("SELECT count(*) FROM evidence WHERE source = 'Attendance'"));
        Assert.Equal(1, await insights.CountAsync($"SELECT count(*) FROM evidence WHERE person_id = '{other}'"));
        Assert.Equal(0, await insights.CountAsync("SELECT count(*) FROM evidence e, member_councils m WHERE (e.text || m.council_name) ILIKE '%ada%'"));
    }

    private static (string, int, int, int) Counts(PatternCount count) => (count.Key, count.Drivers, count.Barriers, count.Enablers);
}
