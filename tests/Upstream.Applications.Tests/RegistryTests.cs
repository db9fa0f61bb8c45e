using Upstream.Applications.Registry;
using Upstream.Domain.Registry;

namespace Upstream.Applications.Tests;

public sealed class RegistryTests
{
    private static readonly LocalAuthorityRegistry Registry = LocalAuthorityRegistry.Shipped;
    private static readonly DateOnly July2024 = new(2024, 7, 15);

    [Fact]
    public void The_shipped_registry_holds_every_authority_current_and_past()
    {
        Assert.Equal(470, Registry.All.Count);
        Assert.Equal(397, Registry.All.Count(a => a.EndDate is null));
    }

    [Theory]
    [InlineData("ADU", "Adur District Council", "South East")] // non-metropolitan district
    [InlineData("ABE", "Aberdeen City Council", "Scotland")] // Scottish unitary
    [InlineData("ABC", "Armagh City, Banbridge and Craigavon Borough Council", "Northern Ireland")] // NI district
    public void A_council_of_a_leading_type_that_exists_may_lead_and_brings_its_region(string code, string name, string region)
    {
        var check = LeadEligibility.Check(Registry, code, July2024);

        Assert.True(check.IsAllowed, check.Refusal);
        Assert.Equal((name, region), (check.Authority!.OfficialName, check.Authority.Region));
    }

    [Fact]
    public void An_organisation_that_is_not_in_the_registry_cannot_lead()
    {
        var check = LeadEligibility.Check(Registry, "ZZZ", July2024);

        Assert.Equal("'ZZZ' is not a UK local authority in the registry; only local authorities may lead (other organisations may join as partners).", check.Refusal);
    }

    [Fact]
    public void A_strategic_regional_authority_is_not_a_leading_type()
    {
        var gla = Registry.All.Single(a => a.TypeCode == "SRA");

        var check = LeadEligibility.Check(Registry, gla.Code, July2024);

        Assert.False(check.IsAllowed);
        Assert.StartsWith($"{gla.OfficialName} is a strategic regional authority; only councils", check.Refusal);
    }

    [Fact]
    public void A_council_abolished_before_the_call_closes_cannot_lead_but_could_before()
    {
        // Allerdale was abolished on 2023-04-01.
        Assert.Equal("Allerdale Borough Council ceased to exist on 2023-04-01, before the call closes on 2024-07-15.", LeadEligibility.Check(Registry, "ALL", July2024).Refusal);
        Assert.True(LeadEligibility.Check(Registry, "ALL", new DateOnly(2019, 7, 15)).IsAllowed);
        Assert.False(LeadEligibility.Check(Registry, "ALL", new DateOnly(2023, 4, 1)).IsAllowed);
    }

    [Fact]
    public void Codes_are_matched_whatever_their_case()
    {
        Assert.Equal("ADU", LeadEligibility.Check(Registry, " adu ", July2024).Authority!.Code);
    }
}
