namespace SafeCity.Governance.Consumers;
// Each consumer hands its event to the read model, which keeps it only if it is newer than what it
// holds: redelivery and reordering change nothing. The tally counts both outcomes, for operators.

/// <summary>How many events of each kind governance has consumed since it started, and how many changed the model.</summary>
public sealed class EventTally
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long[]> _counts = new(StringComparer.Ordinal);

    public void Count(string messageType, bool applied)
    {
        var counts = _counts.GetOrAdd(messageType, _ => new long[2]);
        Interlocked.Increment(ref counts[applied ? 0 : 1]);
    }

    // The lag of each measurement applied: from being recorded in its theme to being applied here.
    private readonly System.Collections.Concurrent.ConcurrentQueue<(DateTimeOffset At, double Milliseconds)> _lags = new();
    private const int LagsKept = 200_000;

    public void Lag(DateTimeOffset recordedAt, DateTimeOffset appliedAt)
    {
        _lags.Enqueue((appliedAt, (appliedAt - recordedAt).TotalMilliseconds));
        while (_lags.Count > LagsKept && _lags.TryDequeue(out _))
        {
        }
    }

    /// <summary>Percentiles of the lags of measurements applied since a moment (the last 200,000 at most).</summary>
    public EventLag LagSince(DateTimeOffset since)
    {
        var lags = _lags.Where(l => l.At >= since).Select(l => l.Milliseconds).Order().ToList();
        if (lags.Count == 0)
        {
            return new EventLag(0, 0, 0, 0, 0);
        }

        return new EventLag(lags.Count, Kernel.Percentiles.NearestRank(lags, 50), Kernel.Percentiles.NearestRank(lags, 95), Kernel.Percentiles.NearestRank(lags, 99), lags[^1]);
    }

    public IReadOnlyList<EventCount> Snapshot() =>
        _counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new EventCount(c.Key, Interlocked.Read(ref c.Value[0]) + Interlocked.Read(ref c.Value[1]), Interlocked.Read(ref c.Value[0]), Interlocked.Read(ref c.Value[1])))
            .ToList();
}
