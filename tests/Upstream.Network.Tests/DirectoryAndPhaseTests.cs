using Upstream.Domain.Refusals;
using Upstream.Network.Domain;
using Upstream.Network.Handling;

namespace Upstream.Network.Tests;

public sealed class DirectoryAndPhaseTests
{
    private static readonly Member Worthing = Member.Join(
        "WOT", "Worthing Borough Council", "South East", "Non-metropolitan district", "E07000229", ["urban", "coastal"],
        new MemberInitiative("Preventing homelessness", "Summary", "Problem", "Housing", "early"), Guid.NewGuid(), DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("", "", "", "", true)]
    [InlineData("south east", "", "", "", true)]
    [InlineData("London", "", "", "", false)]
    [InlineData("", "housing", "", "", true)]
    [InlineData("", "homeless", "", "", true)]
    [InlineData("", "health", "", "", false)]
    [InlineData("", "", "Coastal", "", true)]
    [InlineData("", "", "rural", "", false)]
    [InlineData("", "", "", "early", true)]
    [InlineData("", "", "", "active", false)]
    [InlineData("South East", "housing", "coastal", "active", false)]
    public void The_directory_matches_every_filter_given_ignoring_case(string region, string theme, string character, string stage, bool matches) =>
        Assert.Equal(matches, new DirectoryQuery(region, theme, character, stage).Matches(Worthing));

    [Fact]
    public void A_phase_is_one_of_the_three_and_cannot_end_before_it_starts()
    {
        var v = new Violations();

        ProgrammePhase.Validate("party", new DateOnly(2031, 6, 1), new DateOnly(2031, 5, 1), v);

        Assert.Equal(["phase", "ends_on"], v.Items.Select(i => i.Field));
    }

    [Fact]
    public void A_partner_is_a_funder_delivery_partner_or_research_partner()
    {
        var refused = Assert.Throws<InvalidInputException>(() => Partner.Add(" ", "friend", DateTimeOffset.UnixEpoch));

        Assert.Equal(["name", "kind"], refused.Violations.Select(v => v.Field));
        Assert.Equal("research-partner", Partner.Add("A University", "research-partner", DateTimeOffset.UnixEpoch).Kind);
    }
}
