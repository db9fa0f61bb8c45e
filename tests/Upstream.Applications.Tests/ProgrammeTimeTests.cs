using Upstream.Domain.Time;

namespace Upstream.Applications.Tests;

public sealed class ProgrammeTimeTests
{
    [Fact]
    public void Noon_in_a_London_summer_is_eleven_UTC_and_reads_back_as_it_was_set()
    {
        var closes = ProgrammeTime.ToInstant(new DateTime(2024, 7, 15, 12, 0, 0));

        Assert.Equal(new DateTimeOffset(2024, 7, 15, 11, 0, 0, TimeSpan.Zero), closes);
        Assert.Equal("12:00 on Monday 15 July 2024", ProgrammeTime.Describe(closes));
    }

    [Fact]
    public void Noon_in_a_London_winter_is_noon_UTC()
    {
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 12, 0, 0, TimeSpan.Zero), ProgrammeTime.ToInstant(new DateTime(2024, 1, 15, 12, 0, 0)));
    }

    [Fact]
    public void A_wall_time_lost_when_the_clocks_go_forward_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ProgrammeTime.ToInstant(new DateTime(2024, 3, 31, 1, 30, 0)));
        Assert.StartsWith("01:30 on Sunday 31 March 2024 does not exist in London", error.Message);
    }

    [Fact]
    public void A_wall_time_that_happens_twice_means_the_later_one_so_nothing_closes_early()
    {
        // 01:30 on 27 October 2024 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
        Assert.Equal(new DateTimeOffset(2024, 10, 27, 1, 30, 0, TimeSpan.Zero), ProgrammeTime.ToInstant(new DateTime(2024, 10, 27, 1, 30, 0)));
    }
}
