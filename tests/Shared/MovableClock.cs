namespace SafeCity.Testing;

/// <summary>A clock a test sets and moves: for lockouts, deadlines and anything else that waits.</summary>
public sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public void Advance(TimeSpan by) => Now += by;

    public override DateTimeOffset GetUtcNow() => Now;
}
