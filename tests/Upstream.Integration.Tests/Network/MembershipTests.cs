using Grpc.Core;
using Upstream.Contracts.Applications;
using Upstream.Contracts.Network;
using Upstream.Integration.Tests.Applications;
using Upstream.Integration.Tests.Network.Members;
using Upstream.Network.V1;
using Upstream.Protos.Errors;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Integration.Tests.Network;

/// <summary>Member councils: made from selected applications exactly once, rejoining, leaving, and edited by staff.</summary>
public sealed class MembershipTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Confirming_a_cohort_makes_exactly_the_selected_councils_members_and_a_redelivered_selection_changes_nothing()
    {
        var broker = await infrastructure.Shared.CreateVirtualHostAsync("cohort-network");
        await using var selectedEvents = await EventTap.StartAsync<ApplicationSelected>(broker);
        await using var joinedEvents = await EventTap.StartAsync<MemberJoined>(broker);
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure, broker);
        await using var applications = await ApplicationsHost.StartAsync(infrastructure, MemberSeeding.Now, broker);
        var members = network.Client<MemberService.MemberServiceClient>();
        var people = network.Client<PersonService.PersonServiceClient>();

        await MemberSeeding.ConfirmCohortAsync(applications, 2, ("ADU", 9), ("ABE", 4), ("BIR", 7));

        var joined = await Eventually.ReturnsAsync(
            async () => (await members.ListMembersAsync(new ListMembersRequest(), network.Staff())).Members,
            m => m.Count >= 2,
            "the selected councils to become members");
        Assert.Equal(["ADU", "BIR"], joined.Select(m => m.CouncilCode).Order());
        var adur = joined.Single(m => m.CouncilCode == "ADU");
        Assert.Equal(("Adur District Council", "South East", "E07000223"), (adur.CouncilName, adur.Region, adur.GssCode));
        Assert.NotEmpty(adur.CouncilType);
        Assert.Equal(["urban"], adur.AreaCharacters);
        Assert.Equal(("Community wealth building", "early"), (adur.Initiative.Title, adur.Initiative.Stage));
        var adurPeople = (await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "ADU" }, network.Staff())).People;
        Assert.Equal(["Alex Example", "Sam Example"], adurPeople.Select(p => p.Name));
        Assert.All(adurPeople, p => Assert.True(p.ResidentialDelegate));
        Assert.All(adurPeople, p => Assert.False(p.DirectoryConsent));
        var declined = await Assert.ThrowsAsync<RpcException>(() => members.GetMemberAsync(new GetMemberRequest { CouncilCode = "ABE" }, network.Staff()).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, declined.StatusCode);
        Assert.Equal(["ADU", "BIR"], (await joinedEvents.WaitForAsync<MemberJoined>(2)).Select(e => e.CouncilCode).Order());

        // The same selection again: redelivered as it was (same message id), and published afresh under a new id.
        var selection = (await selectedEvents.WaitForAsync<ApplicationSelected>(2)).Single(e => e.CouncilCode == "ADU");
        await network.PublishAsync(selection);
        var again = selection with { EventId = Guid.NewGuid() };
        await network.PublishAsync(again);
        await Eventually.ReturnsAsync(() => InboxHasAsync(network, again.EventId), seen => seen, "the second delivery to be handled");

        var after = await members.GetMemberAsync(new GetMemberRequest { CouncilCode = "ADU" }, network.Staff());
        Assert.Equal((adur.Id, adur.Joined, adur.Version), (after.Id, after.Joined, after.Version));
        Assert.Equal(2, (await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "ADU" }, network.Staff())).People.Count);
        Assert.Equal(2, (await joinedEvents.WaitForAsync<MemberJoined>(2)).Count);
        Assert.Single((await people.ListDelegateChangesAsync(new ListDelegateChangesRequest { CouncilCode = "ADU" }, network.Staff())).Changes);
    }

    [Fact]
    public async Task A_council_that_left_and_is_selected_again_rejoins_its_own_record_with_its_earlier_membership_kept()
    {
        var broker = await infrastructure.Shared.CreateVirtualHostAsync("rejoin");
        await using var joinedEvents = await EventTap.StartAsync<MemberJoined>(broker);
        await using var leftEvents = await EventTap.StartAsync<MemberLeft>(broker);
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure, broker);
        var members = network.Client<MemberService.MemberServiceClient>();
        var first = await network.SelectAsync(MemberSeeding.Selection("CMD", contacts: [new("Alex Camden", "Lead", "alex@camden.gov.uk"), new("Sam Camden", "Deputy", "sam@camden.gov.uk")]));

        network.Clock.Now = MemberSeeding.Now.AddDays(100);
        var left = await members.EndMembershipAsync(new EndMembershipRequest { CouncilCode = "CMD", Reason = "Initiative paused" }, network.Staff());
        Assert.False(left.Current);
        Assert.Equal("Initiative paused", left.LeftReason);
        var leftEvent = Assert.Single(await leftEvents.WaitForAsync<MemberLeft>(1));
        Assert.Equal(("CMD", "Initiative paused"), (leftEvent.CouncilCode, leftEvent.Reason));

        network.Clock.Now = MemberSeeding.Now.AddDays(400);
        var rejoined = await network.SelectAsync(MemberSeeding.Selection("CMD", title: "Second go", contacts: [new("Alex Camden", "Lead", "alex@camden.gov.uk"), new("Jo Camden", "Officer", "jo@camden.gov.uk")]));

        Assert.Equal(first.Id, rejoined.Id);
        Assert.Equal("Second go", rejoined.Initiative.Title);
        Assert.Equal(MemberSeeding.Now.AddDays(400), rejoined.Joined.ToDateTimeOffset());
        var period = Assert.Single(rejoined.EarlierPeriods);
        Assert.Equal((first.Joined, left.Left, "Initiative paused"), (period.Joined, period.Left, period.Reason));
        var people = (await network.Client<PersonService.PersonServiceClient>().ListPeopleAsync(new ListPeopleRequest { CouncilCode = "CMD" }, network.Staff())).People;
        Assert.Equal(["Alex Camden", "Sam Camden", "Jo Camden"], people.Select(p => p.Name));
        Assert.Equal(["Alex Camden", "Jo Camden"], people.Where(p => p.ResidentialDelegate).Select(p => p.Name));
        var events = await joinedEvents.WaitForAsync<MemberJoined>(2);
        Assert.Equal([false, true], events.Select(e => e.Rejoined));
        Assert.All(events, e => Assert.Equal(first.Id, e.MemberId.ToString()));
    }

    [Fact]
    public async Task A_council_code_the_registry_does_not_know_joins_with_the_name_and_region_it_came_with()
    {
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure);

        var member = await network.SelectAsync(MemberSeeding.Selection("ZZZ9", name: "New Council", region: "North West"));

        Assert.Equal(("New Council", "North West", "", ""), (member.CouncilName, member.Region, member.CouncilType, member.GssCode));
    }

    [Fact]
    public async Task Two_staff_editing_one_member_the_second_is_told_it_changed_and_nothing_of_theirs_is_saved()
    {
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure);
        var members = network.Client<MemberService.MemberServiceClient>();
        var read = await network.SelectAsync(MemberSeeding.Selection("BIR"));

        var first = await members.UpdateMemberAsync(Revision(read, "Family hubs"), network.As("staff-1", Roles.Staff));
        var second = await Assert.ThrowsAsync<RpcException>(() => members.UpdateMemberAsync(Revision(read, "Youth work"), network.As("staff-2", Roles.Staff)).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, second.StatusCode);
        Assert.Contains("changed by someone else", second.Status.Detail);
        Assert.NotEqual(read.Version, first.Version);
        Assert.Equal("Family hubs", (await members.GetMemberAsync(new GetMemberRequest { CouncilCode = "BIR" }, network.Staff())).Initiative.Title);
        var retried = await members.UpdateMemberAsync(Revision(first, "Youth work"), network.As("staff-2", Roles.Staff));
        Assert.Equal("Youth work", retried.Initiative.Title);
        var noVersion = await Assert.ThrowsAsync<RpcException>(() => members.UpdateMemberAsync(new UpdateMemberRequest(Revision(first, "x")) { Version = "" }, network.Staff()).ResponseAsync);
        Assert.Equal("version", Assert.Single(noVersion.GetFieldViolations()).Field);
    }

    [Fact]
    public async Task Staff_see_and_run_every_membership_a_member_sees_only_its_own_and_others_nothing()
    {
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure);
        var members = network.Client<MemberService.MemberServiceClient>();
        var adur = await network.SelectAsync(MemberSeeding.Selection("ADU"));
        await network.SelectAsync(MemberSeeding.Selection("BIR"));

        Assert.Equal("ADU", (await members.GetMemberAsync(new GetMemberRequest { CouncilCode = "ADU" }, network.MemberOf("ADU"))).CouncilCode);
        Assert.Equal(["ADU"], (await members.ListMembersAsync(new ListMembersRequest(), network.MemberOf("ADU"))).Members.Select(m => m.CouncilCode));
        Assert.Equal(2, (await members.ListMembersAsync(new ListMembersRequest(), network.Staff())).Members.Count);

        foreach (var (who, expected) in network.Outsiders("ADU", "BIR"))
        {
            var get = await Assert.ThrowsAsync<RpcException>(() => members.GetMemberAsync(new GetMemberRequest { CouncilCode = "ADU" }, who).ResponseAsync);
            Assert.Equal(expected, get.StatusCode);
        }

        foreach (var who in new[] { network.As("partner-1", Roles.Partner), network.As("applicant-ADU", Roles.Applicant, "ADU") })
        {
            Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => members.ListMembersAsync(new ListMembersRequest(), who).ResponseAsync)).StatusCode);
        }

        // Only staff run memberships, not even the council's own member.
        foreach (var who in new[] { network.MemberOf("ADU"), network.As("partner-1", Roles.Partner), network.As("applicant-ADU", Roles.Applicant, "ADU") })
        {
            Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => members.EndMembershipAsync(new EndMembershipRequest { CouncilCode = "ADU", Reason = "x" }, who).ResponseAsync)).StatusCode);
            Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => members.UpdateMemberAsync(Revision(adur, "x"), who).ResponseAsync)).StatusCode);
        }

        var unknown = await Assert.ThrowsAsync<RpcException>(() => members.GetMemberAsync(new GetMemberRequest { CouncilCode = "NOPE" }, network.Staff()).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var noReason = await Assert.ThrowsAsync<RpcException>(() => members.EndMembershipAsync(new EndMembershipRequest { CouncilCode = "ADU" }, network.Staff()).ResponseAsync);
        Assert.Equal("reason", Assert.Single(noReason.GetFieldViolations()).Field);
        Assert.True((await members.GetMemberAsync(new GetMemberRequest { CouncilCode = "ADU" }, network.Staff())).Current);
    }

    private static UpdateMemberRequest Revision(Upstream.Network.V1.Member member, string title) => new()
    {
        CouncilCode = member.CouncilCode,
        Version = member.Version,
        Initiative = new MemberInitiative(member.Initiative) { Title = title },
    };

    private static async Task<bool> InboxHasAsync(ServiceHost network, Guid messageId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(network.Database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM inbox_messages WHERE message_id = @id", connection);
        command.Parameters.AddWithValue("id", messageId);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
