using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SafeCity.Kernel.Outbox;

/// <summary>Wakes the dispatcher when a write has put something in the outbox.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the dispatcher will read everything written so far.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

public static class OutboxSignalExtensions
{
    /// <summary>
    /// Wakes the dispatcher once a write that appended its event in its transaction has committed
    /// (the MongoDB stores; SQLite's own writes are signalled by <c>SqliteDatabase</c>).
    /// </summary>
    public static async Task<T> AfterCommitAsync<T>(this OutboxSignal? signal, Task<T> committed)
    {
        var result = await committed;
        signal?.Notify();
        return result;
    }
}

/// <summary>
/// Publishes what the outbox holds, in order, and marks each message only after the broker took it.
/// While the broker is away, a publish times out, the message stays, and the dispatcher retries with
/// a growing pause; so an event can be published twice (after a crash between publish and mark) but
/// never lost, and consumers are idempotent.
/// </summary>
// Written here rather than MassTransit's transactional outbox, which stores through Entity Framework Core
// or MongoDB: the theme stores write SQLite directly, and the event must be in the change's transaction.
public sealed class OutboxDispatcher(
    IOutboxStore store,
    IBus publisher,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await DispatchBatchAsync(settings, stoppingToken);
                backoff = TimeSpan.FromMilliseconds(250);
                if (published < settings.BatchSize)
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Outbox dispatch paused for {Backoff}: {Reason}", backoff, ex.Message);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, settings.MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Publishes up to one batch; returns how many went. Throws when the broker did not take one.</summary>
    public async Task<int> DispatchBatchAsync(OutboxOptions settings, CancellationToken ct)
    {
        var pending = await store.GetUndispatchedAsync(settings.BatchSize, ct);
        foreach (var message in pending)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.PublishTimeout);
            try
            {
                var payload = message.Deserialize();
                await publisher.Publish(payload, payload.GetType(), Pipe.Execute<PublishContext>(c =>
                {
                    c.MessageId = message.EventId;
                    // When the write was made: the consumer measures the event's lag from it.
                    c.Headers.Set(Messaging.EventPath.WrittenAtHeader, message.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                }), timeout.Token);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                await store.RecordDispatchFailureAsync(message.Sequence, ex.Message, CancellationToken.None);
                throw new OutboxDispatchException($"message {message.Sequence} ({message.MessageType}) was not published: {ex.Message}", ex);
            }

            await store.MarkDispatchedAsync(message.Sequence, clock.GetUtcNow(), CancellationToken.None);
        }

        return pending.Count;
    }
}

public sealed class OutboxDispatchException(string message, Exception inner) : Exception(message, inner);
