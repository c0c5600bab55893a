namespace SafeCity.Kernel.Outbox;

/// <summary>The outbox half of a service's store: what the dispatcher reads and marks.</summary>
public interface IOutboxStore
{
    /// <summary>Events not yet handed to the broker, oldest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> GetUndispatchedAsync(int max, CancellationToken ct);

    Task MarkDispatchedAsync(long sequence, DateTimeOffset at, CancellationToken ct);

    Task RecordDispatchFailureAsync(long sequence, string error, CancellationToken ct);

    /// <summary>How many events wait, when the oldest was written, and why it was last refused.</summary>
    Task<OutboxBacklog> GetBacklogAsync(CancellationToken ct);
}

/// <summary>What waits in an outbox: how many events, since when the oldest, and its last refusal.</summary>
public sealed record OutboxBacklog(int Count, DateTimeOffset? OldestSince, string? LastError)
{
    public static readonly OutboxBacklog Empty = new(0, null, null);
}
