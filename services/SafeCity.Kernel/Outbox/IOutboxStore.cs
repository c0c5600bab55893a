namespace SafeCity.Kernel.Outbox;

/// <summary>The outbox half of a service's store: what the dispatcher reads and marks.</summary>
public interface IOutboxStore
{
    /// <summary>Events not yet handed to the broker, oldest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> GetUndispatchedAsync(int max, CancellationToken ct);

    Task MarkDispatchedAsync(long sequence, DateTimeOffset at, CancellationToken ct);

    Task RecordDispatchFailureAsync(long sequence, string error, CancellationToken ct);
}
