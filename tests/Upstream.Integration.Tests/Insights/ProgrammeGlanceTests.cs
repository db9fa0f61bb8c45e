using System.Xml.Linq;
using Grpc.Core;
using Upstream.Contracts.Events;
using Upstream.Contracts.Grants;
using Upstream.Contracts.Network;
using Upstream.Insights.V1;

namespace Upstream.Integration.Tests.Insights;

/// <summary>The programme at a glance: members' spread and map, events held, grants awarded and paid, reports in.</summary>
public sealed class ProgrammeGlanceTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task The_figures_and_the_map_follow_what_the_other_services_announced()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);
        var at = InsightsHost.Now;
        await insights.PublishAsync(Joined("BST", "Bristol City Council", "South West", "urban", "coastal"));
        await insights.PublishAsync(Joined("CON", "Cornwall Council", "South West", "rural", "coastal"));
        await insights.PublishAsync(Joined("MAN", "Manchester City Council", "North West", "urban"));
        var residential = Guid.NewGuid();
        await insights.PublishAsync(new AttendanceRecorded(Guid.NewGuid(), at, residential, "First residential", "residential", new DateOnly(2030, 11, 5), Guid.NewGuid(), "BST", true));
        await insights.PublishAsync(new AttendanceRecorded(Guid.NewGuid(), at, residential, "First residential", "residential", new DateOnly(2030, 11, 5), Guid.NewGuid(), "MAN", false));
        await insights.PublishAsync(new AttendanceRecorded(Guid.NewGuid(), at, Guid.NewGuid(), "Roundtable", "roundtable", new DateOnly(2030, 11, 6), Guid.NewGuid(), "CON", true));
        var grant = Guid.NewGuid();
        await insights.PublishAsync(new GrantAwarded(Guid.NewGuid(), at, grant, Guid.NewGuid(), Guid.NewGuid(), "BST", [], "Text nudges", 1_500_000));
        await insights.PublishAsync(new GrantAwarded(Guid.NewGuid(), at, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "MAN", [], "Warm homes", 2_000_000));
        await insights.PublishAsync(new GrantPaid(Guid.NewGuid(), at, grant, "BST", "PAY-1", 750_000, 750_000));
        await insights.PublishAsync(new GrantReportSubmitted(Guid.NewGuid(), at, grant, Guid.NewGuid(), "BST", new DateOnly(2031, 3, 31)));
        var programme = insights.Host.Client<ProgrammeService.ProgrammeServiceClient>();

        var glance = await Eventually.ReturnsAsync(
            () => programme.GetProgrammeAtAGlanceAsync(new GetProgrammeAtAGlanceRequest(), insights.Partner).ResponseAsync,
            g => g.Members == 3 && g.ReportsIn == 1 && g.PaidPence > 0 && g.EventsHeld == 2 && g.GrantsAwarded == 2,
            "every announcement to be counted");

        Assert.Equal((2, 2, 3_500_000L, 750_000L), (glance.EventsHeld, glance.Attendances, glance.AwardedPence, glance.PaidPence));
        Assert.Equal([("South West", 2), ("North West", 1)], glance.MembersByRegion.Select(t => (t.Key, t.Count)));
        Assert.Equal([("coastal", 2), ("urban", 2), ("rural", 1)], glance.MembersByAreaCharacter.Select(t => (t.Key, t.Count)));

        var map = await programme.GetProgrammeMapAsync(new GetProgrammeMapRequest(), insights.Staff);
        Assert.Equal("image/svg+xml", map.ContentType);
        var svg = XDocument.Parse(map.Data.ToStringUtf8()).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Name);
        Assert.True(svg.Elements(ns + "circle").Count() > 300, "every current authority drawn faintly, the UK's shape");
        var members = svg.Elements(ns + "circle").Where(c => (string?)c.Attribute("class") == "member").ToDictionary(c => (string)c.Attribute("data-council")!, c => (X: (double)c.Attribute("cx")!, Y: (double)c.Attribute("cy")!));
        Assert.Equal(["BST", "CON", "MAN"], members.Keys.Order());
        Assert.True(members["CON"].X < members["BST"].X && members["BST"].X < members["MAN"].X, "Cornwall west of Bristol, Bristol west of Manchester");
        Assert.True(members["MAN"].Y < members["BST"].Y && members["BST"].Y < members["CON"].Y, "Manchester north of Bristol, Bristol north of Cornwall");
        Assert.DoesNotContain("http", map.Data.ToStringUtf8().Replace("http://www.w3.org/2000/svg", ""));

        var refused = await Assert.ThrowsAsync<RpcException>(() => programme.GetProgrammeMapAsync(new GetProgrammeMapRequest(), insights.Member).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    private static MemberJoined Joined(string code, string name, string region, params string[] areaCharacters) =>
        new(Guid.NewGuid(), InsightsHost.Now.AddDays(-30), Guid.NewGuid(), code, name, region, "Unitary authority", "E06000000", areaCharacters, "Initiative", [], false);
}
