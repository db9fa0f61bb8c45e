using Upstream.Grpc.Protocol;

namespace Upstream.Grpc.Tests.Protocol;

public sealed class GrpcTimeoutTests
{
    public static TheoryData<string, long> Valid => new()
    {
        { "5S", 5 * TimeSpan.TicksPerSecond },
        { "251m", 251 * TimeSpan.TicksPerMillisecond },
        { "1810M", 1810 * TimeSpan.TicksPerMinute },
        { "2H", 2 * TimeSpan.TicksPerHour },
        { "100u", 100 * TimeSpan.TicksPerMicrosecond },
        { "1000n", 10 },
        { "1n", 1 }, // rounded up to a tick: a timeout, however tiny, is never "none"
        { "99999999S", 99_999_999 * TimeSpan.TicksPerSecond },
        { "0m", 0 },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Every_unit_parses(string text, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(text, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("5")]
    [InlineData("5s")]
    [InlineData("5X")]
    [InlineData("-1S")]
    [InlineData(" 5S")]
    [InlineData("123456789S")]
    [InlineData("soon!")]
    [InlineData(null)]
    public void Malformed_values_are_refused(string? text) => Assert.False(GrpcTimeout.TryParse(text, out _));

    [Theory]
    [InlineData(1, "100n")]
    [InlineData(TimeSpan.TicksPerSecond, "1000000u")]
    [InlineData(TimeSpan.TicksPerMinute * 30, "1800000m")]
    [InlineData(TimeSpan.TicksPerDay * 2, "172800S")]
    [InlineData(0, "1n")]
    [InlineData(-5, "1n")]
    public void Formatting_uses_the_finest_unit_that_fits_eight_digits(long ticks, string expected) =>
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));

    [Fact]
    public void A_huge_timeout_is_capped_in_hours()
    {
        var text = GrpcTimeout.Format(TimeSpan.MaxValue);

        Assert.Equal("99999999H", text);
        Assert.True(GrpcTimeout.TryParse(text, out _));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(123_456_789)]
    [InlineData(98_765_432_109)]
    public void Formatting_then_parsing_never_shortens_a_timeout(long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(GrpcTimeout.Format(TimeSpan.FromTicks(ticks)), out var parsed));
        Assert.InRange(parsed.Ticks, ticks, ticks + (ticks / 1_000_000) + 1);
    }
}
