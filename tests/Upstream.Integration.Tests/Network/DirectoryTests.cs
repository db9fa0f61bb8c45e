using Grpc.Core;
using Upstream.Integration.Tests.Network.Members;
using Upstream.Network.V1;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Integration.Tests.Network;

/// <summary>The member directory: searched by region, theme, area character and stage; consent decides who members see.</summary>
public sealed class DirectoryTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Members_and_staff_search_the_directory_and_members_see_only_people_who_agreed()
    {
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure);
        var directory = network.Client<DirectoryService.DirectoryServiceClient>();
        await network.SelectAsync(MemberSeeding.Selection("ADU", region: "South East", characters: ["coastal", "urban"], stage: "early", serviceArea: "Housing", title: "Preventing homelessness"));
        await network.SelectAsync(MemberSeeding.Selection("BIR", region: "West Midlands", characters: ["urban"], stage: "active", serviceArea: "Children's services", title: "Family hubs"));
        await network.SelectAsync(MemberSeeding.Selection("COR", region: "South West", characters: ["rural", "coastal"], stage: "idea", serviceArea: "Public health", title: "Housing and health"));
        var people = network.Client<PersonService.PersonServiceClient>();
        var alex = (await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = "ADU" }, network.MemberOf("ADU"))).People[0];
        await people.UpdatePersonAsync(new UpdatePersonRequest { PersonId = alex.Id, Details = new PersonDetails { Name = alex.Name, Role = alex.Role, Email = alex.Email, DirectoryConsent = true } }, network.MemberOf("ADU"));

        async Task<List<string>> Councils(SearchDirectoryRequest query, Metadata who) =>
            [.. (await directory.SearchDirectoryAsync(query, who)).Listings.Select(l => l.CouncilCode)];
        var birmingham = network.MemberOf("BIR");

        Assert.Equal(["ADU"], await Councils(new() { Region = "south east" }, birmingham));
        Assert.Equal(["ADU", "COR"], await Councils(new() { Theme = "housing" }, birmingham));
        Assert.Equal(["ADU", "COR"], await Councils(new() { AreaCharacter = "coastal" }, birmingham));
        Assert.Equal(["BIR"], await Councils(new() { Stage = "active" }, network.Staff()));
        Assert.Equal(["COR"], await Councils(new() { Theme = "housing", AreaCharacter = "rural" }, birmingham));

        var seenByMember = (await directory.SearchDirectoryAsync(new() { Region = "South East" }, birmingham)).Listings.Single();
        var seenByStaff = (await directory.SearchDirectoryAsync(new() { Region = "South East" }, network.Staff())).Listings.Single();
        Assert.Equal(["Alex ADU"], seenByMember.People.Select(p => p.Name));
        Assert.Equal(["Alex ADU", "Sam ADU"], seenByStaff.People.Select(p => p.Name));
        Assert.Equal([true, false], seenByStaff.People.Select(p => p.DirectoryConsent));
        Assert.Equal(("Preventing homelessness", "Housing"), (seenByMember.Initiative.Title, seenByMember.Initiative.ServiceArea));
    }

    [Fact]
    public async Task Partners_applicants_and_anonymous_callers_cannot_search_the_directory()
    {
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure);
        var directory = network.Client<DirectoryService.DirectoryServiceClient>();

        foreach (var (who, expected) in new (Metadata?, StatusCode)[]
        {
            (network.As("partner-1", Roles.Partner), StatusCode.PermissionDenied),
            (network.As("applicant-ADU", Roles.Applicant, "ADU"), StatusCode.PermissionDenied),
            (null, StatusCode.Unauthenticated),
        })
        {
            Assert.Equal(expected, (await Assert.ThrowsAsync<RpcException>(() => directory.SearchDirectoryAsync(new SearchDirectoryRequest(), who).ResponseAsync)).StatusCode);
        }
    }
}
