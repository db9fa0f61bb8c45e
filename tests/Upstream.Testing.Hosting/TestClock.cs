namespace Upstream.Testing.Hosting;

/// <summary>A clock a test sets and moves; code under test reads time only through TimeProvider.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;
    private bool _followsRealTime;

    /// <summary>The time the service sees; setting it stops the clock there (if it was following real time).</summary>
    public DateTimeOffset Now
    {
        get => _followsRealTime ? System.GetUtcNow() : _now;
        set => (_now, _followsRealTime) = (value, false);
    }

    /// <summary>A clock that tells real time until it is set: a benchmark's services must see retries come due by themselves.</summary>
    public static TestClock FollowingRealTime() => new(DateTimeOffset.UtcNow) { _followsRealTime = true };

    public override DateTimeOffset GetUtcNow() => Now;
}
