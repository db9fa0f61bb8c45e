namespace Upstream.Testing.Infrastructure;

/// <summary>A clock a test sets and moves; code under test reads time only through TimeProvider.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
