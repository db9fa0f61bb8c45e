using System.Text.Json;
using Grpc.Core;
using Upstream.Applications.V1;
using Upstream.Contracts.Network;
using Upstream.Integration.Tests.Applications;
using Upstream.Integration.Tests.Network.Members;
using Upstream.Network.V1;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Integration.Tests.Network;

/// <summary>A person's data: exported on request, and erased here and in every service that holds it.</summary>
public sealed class ErasureTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Erasing_a_person_anonymises_them_here_and_in_their_councils_applications_and_keeps_the_records()
    {
        var broker = await infrastructure.Shared.CreateVirtualHostAsync("erasure");
        await using var erasedEvents = await EventTap.StartAsync<PersonErased>(broker);
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure, broker);
        await using var applications = await ApplicationsHost.StartAsync(infrastructure, MemberSeeding.Now, broker);
        var ids = await MemberSeeding.ConfirmCohortAsync(applications, 2, ("ADU", 9), ("BIR", 7));
        var members = network.Client<MemberService.MemberServiceClient>();
        await Eventually.ReturnsAsync(async () => (await members.ListMembersAsync(new ListMembersRequest(), network.Staff())).Members.Count, n => n == 2, "both councils to join");
        var people = network.Client<PersonService.PersonServiceClient>();
        var alex = (await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "ADU" }, network.Staff())).People.Single(p => p.Name == "Alex Example");

        network.Clock.Now = MemberSeeding.Now.AddDays(30);
        var erased = await people.ErasePersonAsync(new ErasePersonRequest { PersonId = alex.Id }, network.Staff());

        Assert.Equal(("Erased person", "", "", false, false, true), (erased.Name, erased.Role, erased.Email, erased.DirectoryConsent, erased.ResidentialDelegate, erased.Erased));
        var adur = await members.GetMemberAsync(new GetMemberRequest { CouncilCode = "ADU" }, network.Staff());
        Assert.True(adur.Current);
        Assert.DoesNotContain(alex.Id, adur.DelegatePersonIds);
        Assert.Equal("erasure", (await people.ListDelegateChangesAsync(new ListDelegateChangesRequest { CouncilCode = "ADU" }, network.Staff())).Changes.Last().Cause);
        var published = Assert.Single(await erasedEvents.WaitForAsync<PersonErased>(1));
        Assert.Equal((alex.Id, "ADU", ErasedEmail.Hash("alex@example.gov.uk")), (published.PersonId.ToString(), published.CouncilCode, published.EmailSha256));
        Assert.DoesNotContain("alex", JsonSerializer.Serialize(published), StringComparison.OrdinalIgnoreCase);

        // Applications: Adur's application keeps its decision and its other contact; Birmingham's Alex is another person.
        var staff = applications.As("staff-1", Roles.Staff);
        var application = await Eventually.ReturnsAsync(
            async () => await applications.Applications.GetApplicationAsync(new GetApplicationRequest { ApplicationId = ids["ADU"] }, staff),
            a => a.Contacts[0].Name == "Erased person",
            "Adur's application to forget Alex");
        Assert.Equal(("", ""), (application.Contacts[0].Email, application.Contacts[0].Role));
        Assert.Equal("Sam Example", application.Contacts[1].Name);
        Assert.Equal(ApplicationState.Selected, application.State);
        var birmingham = await applications.Applications.GetApplicationAsync(new GetApplicationRequest { ApplicationId = ids["BIR"] }, staff);
        Assert.Equal("Alex Example", birmingham.Contacts[0].Name);
    }

    [Fact]
    public async Task A_person_is_exported_to_staff_and_their_own_council_and_erased_only_by_staff_once()
    {
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure);
        await network.SelectAsync(MemberSeeding.Selection("ADU"));
        await network.SelectAsync(MemberSeeding.Selection("BIR"));
        var people = network.Client<PersonService.PersonServiceClient>();
        var alex = (await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "ADU" }, network.Staff())).People[0];

        var export = await people.ExportPersonAsync(new ExportPersonRequest { PersonId = alex.Id }, network.MemberOf("ADU"));
        using var json = JsonDocument.Parse(export.Json);
        var person = json.RootElement.GetProperty("person");
        Assert.Equal(("Alex ADU", "alex@adu.gov.uk"), (person.GetProperty("name").GetString(), person.GetProperty("email").GetString()));
        Assert.True(json.RootElement.GetProperty("residentialDelegate").GetBoolean());
        Assert.Equal("ADU", json.RootElement.GetProperty("council").GetProperty("councilCode").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("delegateChanges").GetArrayLength());
        Assert.Equal(export.Json, (await people.ExportPersonAsync(new ExportPersonRequest { PersonId = alex.Id }, network.Staff())).Json);

        foreach (var (who, expected) in network.Outsiders("ADU", "BIR"))
        {
            Assert.Equal(expected, (await Assert.ThrowsAsync<RpcException>(() => people.ExportPersonAsync(new ExportPersonRequest { PersonId = alex.Id }, who).ResponseAsync)).StatusCode);
            Assert.Equal(expected, (await Assert.ThrowsAsync<RpcException>(() => people.ErasePersonAsync(new ErasePersonRequest { PersonId = alex.Id }, who).ResponseAsync)).StatusCode);
        }

        var ownCouncil = await Assert.ThrowsAsync<RpcException>(() => people.ErasePersonAsync(new ErasePersonRequest { PersonId = alex.Id }, network.MemberOf("ADU")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ownCouncil.StatusCode);
        await people.ErasePersonAsync(new ErasePersonRequest { PersonId = alex.Id }, network.Staff());
        var again = await Assert.ThrowsAsync<RpcException>(() => people.ErasePersonAsync(new ErasePersonRequest { PersonId = alex.Id }, network.Staff()).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        using var after = JsonDocument.Parse((await people.ExportPersonAsync(new ExportPersonRequest { PersonId = alex.Id }, network.Staff())).Json);
        Assert.DoesNotContain("alex", after.RootElement.GetProperty("person").GetRawText(), StringComparison.OrdinalIgnoreCase);
    }
}
