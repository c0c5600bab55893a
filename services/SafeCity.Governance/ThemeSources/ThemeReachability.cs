using Microsoft.Extensions.Options;
using SafeCity.Governance.Rebuild;

namespace SafeCity.Governance.ThemeSources;

/// <summary>
/// Whether governance can reach a theme's service now, and when it last could: the theme's figures here
/// are as of then. <paramref name="LastHeard"/> is null when it has not answered since governance started.
/// </summary>
public sealed record ThemeSource(string Theme, bool Reachable, DateTimeOffset? LastHeard, DateTimeOffset Since)
{
    /// <summary>What the pages and the JSON say of a theme that cannot be reached; null while it can.</summary>
    public string? Note => Reachable ? null : LastHeard is { } heard
        ? $"as of {Kernel.Web.UkFormat.Time(heard)} on {Kernel.Web.UkFormat.Date(heard)} — the {Theme} theme's service is unavailable"
        : $"the {Theme} theme's service has not answered since {Kernel.Web.UkFormat.DateTime(Since)}; its figures are as governance last received them";
}

/// <summary>
/// Asks each theme's own /health every Governance:ThemeCheckSeconds (10), for at most two seconds, so
/// that governance's pages and JSON can say when a theme's figures stopped being current. Governance
/// goes on showing what it holds: the figures came over the bus and stay right as of when they came.
/// </summary>
public sealed class ThemeReachability(IHttpClientFactory clients, IOptions<GovernanceOptions> options, TimeProvider clock, ILogger<ThemeReachability> log) : BackgroundService
{
    public const string ClientName = "theme-reachability";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, ThemeSource> _sources = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The theme as last seen; null before it was first asked, or for a theme governance does not ask.</summary>
    public ThemeSource? Of(string? theme)
    {
        lock (_lock)
        {
            return theme is null ? null : _sources.GetValueOrDefault(theme);
        }
    }

    public IReadOnlyList<ThemeSource> Unreachable()
    {
        lock (_lock)
        {
            return _sources.Values.Where(s => !s.Reachable).OrderBy(s => s.Theme, StringComparer.Ordinal).ToList();
        }
    }

    public async Task CheckAsync(CancellationToken ct)
    {
        var client = clients.CreateClient(ClientName);
        await Task.WhenAll(options.Value.Themes.Select(async theme =>
        {
            var reachable = false;
            try
            {
                using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
                patience.CancelAfter(Patience);
                using var response = await client.GetAsync($"http://{theme}/health", patience.Token);
                reachable = response.IsSuccessStatusCode;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or OperationCanceledException)
            {
            }

            Record(theme, reachable);
        }));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Themes.Count == 0 || options.Value.ThemeCheckSeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ThemeCheckSeconds), clock);
        do
        {
            await CheckAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void Record(string theme, bool reachable)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var before = _sources.GetValueOrDefault(theme);
            var changed = before is null || before.Reachable != reachable;
            _sources[theme] = new ThemeSource(theme, reachable, reachable ? now : before?.LastHeard, changed ? now : before!.Since);
            if (before is not null && changed)
            {
                log.Log(reachable ? LogLevel.Information : LogLevel.Warning, "The {Theme} theme's service is {State}", theme, reachable ? "reachable again" : "unreachable");
            }
        }
    }
}
