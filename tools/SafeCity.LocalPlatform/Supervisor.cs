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

/// <summary>How a watched process ended, as the terminal says it: "killed" for SIGKILL (the out-of-memory killer's), else its exit code.</summary>
public static class ExitDescription
{
    public static string Of(int exitCode) => exitCode switch
    {
        137 => "killed",
        143 => "terminated",
        _ => $"exit {exitCode}",
    };
}

/// <summary>
/// Watches every service a <see cref="LocalPlatformHost"/> started, and its broker (each node of a
/// cluster). One that exits without being asked (a crash, SIGKILL, running out of memory) is started
/// again after the policy's wait, and each step is told: "drugs stopped (killed) — restarted in 2 s",
/// then "drugs is back". The outboxes and the broker's durable queues keep what was in flight, and the
/// services reconnect to a broker that is back by themselves, so nothing is lost. One stopped or killed
/// through the host is not restarted. Disposing stops the watching.
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
            // The broker first: services restarted while it is down would only wait for it.
            foreach (var (name, node) in host.BrokerNodes)
            {
                if (node.StoppedUnasked is { } exitCode)
                {
                    await RestartAsync(name, exitCode, node.StopAsync, () => node.StartAsync(ct), node.LogFile);
                }
            }

            foreach (var (name, exitCode) in host.ExitedServices())
            {
                await RestartAsync(name, exitCode, () => host.StopServiceAsync(name), () => host.StartServiceAsync(name, null, ct), host.LogFile(name));
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }

        async Task RestartAsync(string name, int exitCode, Func<Task> release, Func<Task> start, string log)
        {
            var now = DateTimeOffset.UtcNow;
            var history = stops.TryGetValue(name, out var known) ? known : stops[name] = [];
            history.Add(now);
            await release();
            if (RestartPolicy.Next(history, now) is not { } wait)
            {
                say($"{name} stopped ({ExitDescription.Of(exitCode)}) {RestartPolicy.MaxStops + 1} times in {RestartPolicy.Window.TotalMinutes:0} minutes — left down. Its log: {log}");
                return;
            }

            say($"{name} stopped ({ExitDescription.Of(exitCode)}) — restarted in {wait.TotalSeconds:0} s");
            await Task.Delay(wait, ct);
            try
            {
                await start();
                say($"{name} is back");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                say($"{name} did not come back: {e.Message}");
            }
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
