using Upstream.Network.Domain;

namespace Upstream.Network.Tests;

public sealed class MemberTests
{
    [Fact]
    public void A_council_joins_as_a_current_member_on_the_day_it_is_selected()
    {
        var now = new DateTimeOffset(2030, 9, 1, 9, 0, 0, TimeSpan.Zero);
        var member = Member.Join("BRI", "Bristol City Council", "South West", "Unitary authority", "E06000023", ["urban", "coastal"],
            new MemberInitiative("Early help", "Summary", "Problem", "Children's services", "early"), Guid.NewGuid(), now);

        Assert.True(member.IsCurrent);
        Assert.Equal(now, member.JoinedAt);
        Assert.Equal(["urban", "coastal"], member.AreaCharacters);
    }
}
