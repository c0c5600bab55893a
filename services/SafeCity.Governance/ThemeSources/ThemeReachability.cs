using Microsoft.Extensions.Options;
using SafeCity.ServiceDefaults;

namespace SafeCity.Governance.ThemeSources;

/// <summary>
/// Whether governance can reach each theme's service, asked every Governance:ThemeCheckSeconds (10) for
/// at most two seconds, so that its pages and JSON can say when a theme's figures stopped being current.
/// Governance goes on showing what it holds: the figures came over the bus and stay right as of when they came.
/// </summary>
public sealed class ThemeReachability(IHttpClientFactory clients, IOptions<GovernanceOptions> options, TimeProvider clock, ILogger<ThemeReachability> log)
    : HealthWatch(clients, clock, log)
{
    public override IReadOnlyList<string> Watched => options.Value.Themes;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.ThemeCheckSeconds);

    protected override TimeSpan Patience => TimeSpan.FromSeconds(2);

    public IReadOnlyList<ServiceHealth> Unreachable() => Seen().Where(s => !s.Up).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    /// <summary>What the pages and the JSON say of a theme that cannot be reached; null while it can.</summary>
    public static string? Note(ServiceHealth theme) => theme.Up ? null : theme.LastHeard is { } heard
        ? $"as of {Kernel.Web.UkFormat.Time(heard)} on {Kernel.Web.UkFormat.Date(heard)} — the {theme.Name} theme's service is unavailable"
        : $"the {theme.Name} theme's service has not answered since {Kernel.Web.UkFormat.DateTime(theme.Since)}; its figures are as governance last received them";
}
