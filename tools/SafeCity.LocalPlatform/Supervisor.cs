namespace SafeCity.LocalPlatform;

/// <summary>
/// When to start a service that stopped on its own again: after 2 s, then 4, 8, 16 and 30 s for each
/// further stop within ten minutes; after five stops within ten minutes it stays down, since starting
/// it again is not mending it.
/// </summary>
public static class RestartPolicy
{
    public const int MaxStops = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>The wait before the next start, or null to leave it down; <paramref name="stops"/> includes this one.</summary>
    public static TimeSpan? Next(IReadOnlyList<DateTimeOffset> stops, DateTimeOffset now)
    {
        var recent = stops.Count(s => now - s <= Window);
        return recent > MaxStops ? null : TimeSpan.FromSeconds(Math.Min(30, 2 << Math.Max(0, recent - 1)));
    }
}

/// <summary>
/// Watches every service a <see cref="LocalPlatformHost"/> started. One that exits without being asked
/// (a crash, SIGKILL, running out of memory) is started again after the policy's wait, and each step
/// is told: "drugs stopped (exit 137) — restarted in 2 s". Its outbox and the broker's durable queues
/// keep what was in flight, so nothing is lost. A service stopped or killed through the host is not
/// restarted. Disposing stops the watching.
/// </summary>
public sealed class Supervisor : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    internal Supervisor(LocalPlatformHost host, Action<string> say) => _watching = Task.Run(() => WatchAsync(host, say, _stop.Token));

    private static async Task WatchAsync(LocalPlatformHost host, Action<string> say, CancellationToken ct)
    {
        var stops = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        while (!ct.IsCancellationRequested)
        {
            foreach (var (name, exitCode) in host.ExitedServices())
            {
                var now = DateTimeOffset.UtcNow;
                var history = stops.TryGetValue(name, out var known) ? known : stops[name] = [];
                history.Add(now);
                await host.StopServiceAsync(name);
                if (RestartPolicy.Next(history, now) is not { } wait)
                {
                    say($"{name} stopped (exit {exitCode}) {RestartPolicy.MaxStops + 1} times in {RestartPolicy.Window.TotalMinutes:0} minutes — left down. Its log: {host.LogFile(name)}");
                    continue;
                }

                say($"{name} stopped (exit {exitCode}) — restarted in {wait.TotalSeconds:0} s");
                await Task.Delay(wait, ct);
                try
                {
                    await host.StartServiceAsync(name, null, ct);
                    say($"{name} is back");
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    say($"{name} did not come back: {e.Message}");
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watching;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
