using Microsoft.Extensions.Options;

namespace SafeCity.Gateway.Status;

/// <summary>One part of the platform as the gateway last saw it: up or down, and since when.</summary>
public sealed record PartStatus(string Name, bool Up, DateTimeOffset Since, DateTimeOffset CheckedAt, string? Detail);

/// <summary>Settings of the status the gateway keeps of the parts behind it (Gateway:Status).</summary>
public sealed class PlatformStatusOptions
{
    public const string Section = "Gateway:Status";

    /// <summary>How often each part's own /health is asked.</summary>
    public int IntervalSeconds { get; set; } = 5;

    /// <summary>How long one answer may take before the part counts as down.</summary>
    public int TimeoutSeconds { get; set; } = 2;

    /// <summary>What a 503 asks a caller to wait before trying again.</summary>
    public int RetryAfterSeconds { get; set; } = 10;
}

/// <summary>
/// The status of every service behind the gateway, for operators (GET /status) and for the pages that
/// say a part is down. It asks each service's own /health in turn, and is kept apart from the gateway's
/// readiness: the gateway is ready when it can serve, whatever a service behind it is doing, so one
/// theme down never takes the only way in out of service.
/// </summary>
public sealed class PlatformStatus(IHttpClientFactory clients, IOptions<GatewayOptions> gateway, IOptions<PlatformStatusOptions> options, TimeProvider clock, ILogger<PlatformStatus> log)
    : BackgroundService
{
    public const string ClientName = "status";

    private readonly Dictionary<string, PartStatus> _parts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public IReadOnlyList<string> Services => [Forwarding.PlatformRoutes.Governance, .. gateway.Value.Themes];

    /// <summary>Every part as last seen; a part not yet asked is reported as not yet checked.</summary>
    public IReadOnlyList<PartStatus> Parts()
    {
        lock (_lock)
        {
            return Services.Select(s => _parts.TryGetValue(s, out var p) ? p : new PartStatus(s, false, clock.GetUtcNow(), default, "not checked yet")).ToList();
        }
    }

    /// <summary>The part as last seen, or null before it was first asked.</summary>
    public PartStatus? Of(string service)
    {
        lock (_lock)
        {
            return _parts.GetValueOrDefault(service);
        }
    }

    /// <summary>Asks every part once now (also what the loop does each interval).</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        var client = clients.CreateClient(ClientName);
        await Task.WhenAll(Services.Select(async service =>
        {
            string? detail = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
                using var response = await client.GetAsync($"http://{service}/health", timeout.Token);
                detail = response.IsSuccessStatusCode ? null : $"its health check answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or OperationCanceledException)
            {
                detail = e is OperationCanceledException ? $"no answer within {options.Value.TimeoutSeconds} s" : "not reachable";
            }

            Record(service, detail is null, detail);
        }));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds), clock);
        do
        {
            await CheckAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void Record(string service, bool up, string? detail)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var before = _parts.GetValueOrDefault(service);
            var changed = before is null || before.Up != up;
            _parts[service] = new PartStatus(service, up, changed ? now : before!.Since, now, detail);
            if (before is not null && changed)
            {
                if (up)
                {
                    log.LogInformation("{Service} is up again after {Seconds:0} s down", service, (now - before.Since).TotalSeconds);
                }
                else
                {
                    log.LogWarning("{Service} is down: {Detail}", service, detail);
                }
            }
        }
    }
}
