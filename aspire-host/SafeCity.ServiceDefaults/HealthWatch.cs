using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SafeCity.ServiceDefaults;

/// <summary>
/// A service as another last saw it: up or down and since when, when it last answered (null: not since
/// the watcher started), when it was last asked, why it counts as down, and its end of the event path
/// as it last told (null while it is down or has not told).
/// </summary>
public sealed record ServiceHealth(string Name, bool Up, DateTimeOffset Since, DateTimeOffset? LastHeard, DateTimeOffset CheckedAt, string? Detail, EventPathReport? EventPath = null);

/// <summary>
/// Asks each watched service's own /health every interval, all at once and each for at most the
/// patience, and keeps what it saw; of one that is up, also its end of the event path (/event-path). The gateway watches every service for its status page; governance
/// watches the themes, to say since when their figures are current. Kept apart from readiness: a
/// watcher is ready whatever the services it watches are doing.
/// </summary>
public abstract class HealthWatch(IHttpClientFactory clients, TimeProvider clock, ILogger log) : BackgroundService
{
    public const string ClientName = "health-watch";

    private readonly Dictionary<string, ServiceHealth> _seen = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    protected TimeProvider Clock { get; } = clock;

    /// <summary>The services watched, by the name service discovery knows them by.</summary>
    public abstract IReadOnlyList<string> Watched { get; }

    /// <summary>How often each is asked while all answer (one seen down is asked again within <see cref="DownRecheck"/>); zero or less: never.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>How soon a service seen down is asked again.</summary>
    public static readonly TimeSpan DownRecheck = TimeSpan.FromSeconds(1);

    /// <summary>How long an answer may take before the service counts as down.</summary>
    protected abstract TimeSpan Patience { get; }

    /// <summary>The service as last seen; null before it was first asked, or for one not watched.</summary>
    public ServiceHealth? Of(string? name)
    {
        lock (_lock)
        {
            return name is null ? null : _seen.GetValueOrDefault(name);
        }
    }

    /// <summary>Every service asked so far, as last seen.</summary>
    public IReadOnlyList<ServiceHealth> Seen()
    {
        lock (_lock)
        {
            return [.. _seen.Values];
        }
    }

    public async Task CheckAsync(CancellationToken ct)
    {
        var client = clients.CreateClient(ClientName);
        await Task.WhenAll(Watched.Select(async name =>
        {
            string? detail;
            EventPathReport? path = null;
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(Patience);
            try
            {
                using var response = await client.GetAsync($"http://{name}/health", patience.Token);
                detail = response.IsSuccessStatusCode ? null : $"its health check answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or OperationCanceledException)
            {
                detail = e is OperationCanceledException ? $"no answer within {Patience.TotalSeconds:0} s" : "not reachable";
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // Anything else on the way (the resilience pipeline's circuit open after repeated failures):
                // the service counts as down, and the watch goes on; a watcher that threw would stop its host.
                detail = "not reachable: " + e.GetType().Name;
            }

            if (detail is null)
            {
                try
                {
                    path = await client.GetFromJsonAsync<EventPathReport>($"http://{name}{EventPathReport.Path}", patience.Token);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    // Up but not telling (an older release, a slow answer): its event path is not known this time.
                }
            }

            Record(name, detail, path);
        }));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Watched.Count == 0 || Interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await CheckAsync(stoppingToken);
            // While anything is down (a platform still starting, a service restarting), ask again within a
            // second, so that pages stop saying it is unavailable as soon as it answers.
            var wait = Seen().Any(s => !s.Up) && Interval > DownRecheck ? DownRecheck : Interval;
            await Task.Delay(wait, Clock, stoppingToken);
        }
    }

    private void Record(string name, string? detail, EventPathReport? path)
    {
        var now = Clock.GetUtcNow();
        var up = detail is null;
        lock (_lock)
        {
            var before = _seen.GetValueOrDefault(name);
            var changed = before is null || before.Up != up;
            _seen[name] = new ServiceHealth(name, up, changed ? now : before!.Since, up ? now : before?.LastHeard, now, detail, path);
            if (before is not null && changed)
            {
                if (up)
                {
                    log.LogInformation("{Service} is up again after {Seconds:0} s down", name, (now - before.Since).TotalSeconds);
                }
                else
                {
                    log.LogWarning("{Service} is down: {Detail}", name, detail);
                }
            }
        }
    }
}
