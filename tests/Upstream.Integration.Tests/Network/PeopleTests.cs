using Grpc.Core;
using Upstream.Integration.Tests.Network.Members;
using Upstream.Network.V1;
using Upstream.Protos.Errors;

namespace Upstream.Integration.Tests.Network;

/// <summary>A council's people and its two residential delegates: members manage their own, staff everyone's.</summary>
public sealed class PeopleTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_member_adds_and_changes_its_own_councils_people_who_stay_out_of_the_directory_until_they_agree()
    {
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure);
        var people = network.Client<PersonService.PersonServiceClient>();
        await network.SelectAsync(MemberSeeding.Selection("ADU"));
        var adur = network.MemberOf("ADU");

        var added = await people.AddPersonAsync(new AddPersonRequest { CouncilCode = "ADU", Details = Details("Kim Adur", "kim@adur.gov.uk") }, adur);
        Assert.False(added.DirectoryConsent);
        Assert.False(added.ResidentialDelegate);
        var changed = await people.UpdatePersonAsync(new UpdatePersonRequest { PersonId = added.Id, Details = Details("Kim Adur-Worthing", "kim@adur.gov.uk", consent: true) }, adur);
        Assert.Equal(("Kim Adur-Worthing", true), (changed.Name, changed.DirectoryConsent));
        Assert.Equal(["Alex ADU", "Sam ADU", "Kim Adur-Worthing"], (await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "ADU" }, adur)).People.Select(p => p.Name));
        var byStaff = await people.AddPersonAsync(new AddPersonRequest { CouncilCode = "ADU", Details = Details("Lee Adur", "lee@adur.gov.uk") }, network.Staff());
        Assert.Equal("ADU", byStaff.CouncilCode);
    }

    [Fact]
    public async Task Bad_people_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure);
        var people = network.Client<PersonService.PersonServiceClient>();
        await network.SelectAsync(MemberSeeding.Selection("ADU"));

        var notEmail = await Assert.ThrowsAsync<RpcException>(() => people.AddPersonAsync(new AddPersonRequest { CouncilCode = "ADU", Details = Details("Kim", "kim at adur") }, network.Staff()).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => people.AddPersonAsync(new AddPersonRequest { CouncilCode = "NOPE", Details = Details("Kim", "kim@adur.gov.uk") }, network.Staff()).ResponseAsync);
        var twice = await Assert.ThrowsAsync<RpcException>(() => people.AddPersonAsync(new AddPersonRequest { CouncilCode = "ADU", Details = Details("Alex again", " Alex@ADU.gov.uk") }, network.Staff()).ResponseAsync);
        var badId = await Assert.ThrowsAsync<RpcException>(() => people.UpdatePersonAsync(new UpdatePersonRequest { PersonId = "nope", Details = Details("Kim", "kim@adur.gov.uk") }, network.Staff()).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "details.email"), (notEmail.StatusCode, Assert.Single(notEmail.GetFieldViolations()).Field));
        Assert.Equal((StatusCode.InvalidArgument, "council_code"), (unknown.StatusCode, Assert.Single(unknown.GetFieldViolations()).Field));
        Assert.Equal(StatusCode.AlreadyExists, twice.StatusCode);
        Assert.Equal((StatusCode.InvalidArgument, "person_id"), (badId.StatusCode, Assert.Single(badId.GetFieldViolations()).Field));
        Assert.Equal(2, (await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "ADU" }, network.Staff())).People.Count);
    }

    [Fact]
    public async Task Only_staff_and_the_councils_own_members_see_or_change_its_people()
    {
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure);
        var people = network.Client<PersonService.PersonServiceClient>();
        await network.SelectAsync(MemberSeeding.Selection("ADU"));
        await network.SelectAsync(MemberSeeding.Selection("BIR"));
        var alex = (await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "ADU" }, network.MemberOf("ADU"))).People[0];

        foreach (var (who, expected) in network.Outsiders("ADU", "BIR"))
        {
            Assert.Equal(expected, (await Assert.ThrowsAsync<RpcException>(() => people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "ADU" }, who).ResponseAsync)).StatusCode);
            Assert.Equal(expected, (await Assert.ThrowsAsync<RpcException>(() => people.AddPersonAsync(new AddPersonRequest { CouncilCode = "ADU", Details = Details("Kim", "kim@adur.gov.uk") }, who).ResponseAsync)).StatusCode);
            Assert.Equal(expected, (await Assert.ThrowsAsync<RpcException>(() => people.UpdatePersonAsync(new UpdatePersonRequest { PersonId = alex.Id, Details = Details("Hacked", "x@y.gov.uk") }, who).ResponseAsync)).StatusCode);
            var delegates = new SetDelegatesRequest { CouncilCode = "ADU" };
            Assert.Equal(expected, (await Assert.ThrowsAsync<RpcException>(() => people.SetDelegatesAsync(delegates, who).ResponseAsync)).StatusCode);
        }

        Assert.Equal(2, (await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "ADU" }, network.Staff())).People.Count);
        Assert.Equal("Alex ADU", (await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "ADU" }, network.Staff())).People[0].Name);
    }

    [Fact]
    public async Task A_council_names_at_most_two_of_its_own_people_as_delegates_and_staff_see_every_change()
    {
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure);
        var people = network.Client<PersonService.PersonServiceClient>();
        await network.SelectAsync(MemberSeeding.Selection("ADU"));
        await network.SelectAsync(MemberSeeding.Selection("BIR"));
        var adur = network.MemberOf("ADU");
        var (alex, sam) = ((await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "ADU" }, adur)).People[0], (await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "ADU" }, adur)).People[1]);
        var kim = await people.AddPersonAsync(new AddPersonRequest { CouncilCode = "ADU", Details = Details("Kim Adur", "kim@adur.gov.uk") }, adur);
        var birmingham = (await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "BIR" }, network.Staff())).People[0];

        var third = await Assert.ThrowsAsync<RpcException>(() => people.SetDelegatesAsync(Delegates("ADU", alex.Id, sam.Id, kim.Id), adur).ResponseAsync);
        var foreign = await Assert.ThrowsAsync<RpcException>(() => people.SetDelegatesAsync(Delegates("ADU", alex.Id, birmingham.Id), adur).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "person_ids"), (third.StatusCode, Assert.Single(third.GetFieldViolations()).Field));
        Assert.Equal((StatusCode.InvalidArgument, "person_ids[1]"), (foreign.StatusCode, Assert.Single(foreign.GetFieldViolations()).Field));

        network.Clock.Now = MemberSeeding.Now.AddDays(3);
        var member = await people.SetDelegatesAsync(Delegates("ADU", alex.Id, kim.Id), adur);
        Assert.Equal([alex.Id, kim.Id], member.DelegatePersonIds);
        Assert.Equal(["Alex ADU", "Kim Adur"], (await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "ADU" }, adur)).People.Where(p => p.ResidentialDelegate).Select(p => p.Name));

        var changes = (await people.ListDelegateChangesAsync(new ListDelegateChangesRequest { CouncilCode = "ADU" }, network.Staff())).Changes;
        Assert.Equal(["joined", "named"], changes.Select(c => c.Cause));
        var named = changes[1];
        Assert.Equal(("member-ADU", MemberSeeding.Now.AddDays(3)), (named.ChangedBy, named.ChangedAt.ToDateTimeOffset()));
        Assert.Equal([alex.Id, sam.Id], named.BeforePersonIds);
        Assert.Equal([alex.Id, kim.Id], named.AfterPersonIds);
        var memberAudit = await Assert.ThrowsAsync<RpcException>(() => people.ListDelegateChangesAsync(new ListDelegateChangesRequest { CouncilCode = "ADU" }, adur).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, memberAudit.StatusCode);
    }

    private static PersonDetails Details(string name, string email, bool consent = false) => new() { Name = name, Role = "Officer", Email = email, DirectoryConsent = consent };

    private static SetDelegatesRequest Delegates(string council, params string[] ids)
    {
        var request = new SetDelegatesRequest { CouncilCode = council };
        request.PersonIds.AddRange(ids);
        return request;
    }
}
