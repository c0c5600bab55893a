using Microsoft.Extensions.Options;
using SafeCity.ServiceDefaults;

namespace SafeCity.Governance.ThemeSources;

/// <summary>
/// Whether governance can reach each theme's service, asked every Governance:ThemeCheckSeconds (10) for
/// at most two seconds, and whether the theme's events reach governance (its outbox holds none older
/// than Governance:EventsOverdueSeconds, a minute), so that its pages and JSON can say when a theme's figures stopped being current.
/// Governance goes on showing what it holds: the figures came over the bus and stay right as of when they came.
/// </summary>
public sealed class ThemeReachability(IHttpClientFactory clients, IOptions<GovernanceOptions> options, TimeProvider clock, ILogger<ThemeReachability> log)
    : HealthWatch(clients, clock, log)
{
    public override IReadOnlyList<string> Watched => options.Value.Themes;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.ThemeCheckSeconds);

    protected override TimeSpan Patience => TimeSpan.FromSeconds(2);

    /// <summary>Themes whose figures here may not be current: their service is down, or their events are overdue.</summary>
    public IReadOnlyList<ServiceHealth> Behind() =>
        Seen().Where(s => State(s) != Available).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public const string Available = "available";
    public const string Unavailable = "unavailable";
    public const string Pending = "pending";

    /// <summary>"available"; "unavailable" while the theme's service does not answer; "pending" while its events wait past a minute.</summary>
    public string State(ServiceHealth theme) =>
        !theme.Up ? Unavailable : theme.EventPath?.IsOverdue(Clock.GetUtcNow(), TimeSpan.FromSeconds(options.Value.EventsOverdueSeconds)) == true ? Pending : Available;

    /// <summary>Since when the theme's figures may be behind: when it last answered, or when its oldest waiting event was written.</summary>
    public DateTimeOffset? AsOf(ServiceHealth theme) => State(theme) switch
    {
        Unavailable => theme.LastHeard,
        Pending => theme.EventPath!.OldestPendingSince,
        _ => null,
    };

    /// <summary>What the pages and the JSON say of a theme whose figures may be behind; null while they are current.</summary>
    public string? Note(ServiceHealth theme) => State(theme) switch
    {
        Unavailable => theme.LastHeard is { } heard
            ? $"as of {Kernel.Web.UkFormat.Time(heard)} on {Kernel.Web.UkFormat.Date(heard)} — the {theme.Name} theme's service is unavailable"
            : $"the {theme.Name} theme's service has not answered since {Kernel.Web.UkFormat.DateTime(theme.Since)}; its figures are as governance last received them",
        Pending => $"pending since {Since(theme.EventPath!.OldestPendingSince!.Value)}: {theme.EventPath.Reason}",
        _ => null,
    };

    /// <summary>The sentence every governance page carries for a theme whose figures may be behind.</summary>
    public string Sentence(ServiceHealth theme) => State(theme) == Pending
        ? $"Figures from {theme.Name} {Note(theme)}."
        : $"Figures from {theme.Name}: {Note(theme)}.";

    // The time alone on the day itself, as people say it; with the date on any later day.
    private string Since(DateTimeOffset at) =>
        Kernel.Web.UkFormat.Date(at) == Kernel.Web.UkFormat.Date(Clock.GetUtcNow())
            ? Kernel.Web.UkFormat.Time(at)
            : $"{Kernel.Web.UkFormat.Time(at)} on {Kernel.Web.UkFormat.Date(at)}";
}
