using System.Globalization;
using SafeCity.Contracts.Events;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Outbox;
using SafeCity.Kernel.Storage.Documents;

namespace SafeCity.Governance.Performance;

/// <summary>A change to the tolerances: who, when, what.</summary>
public sealed record ToleranceChange(DateTimeOffset At, string By, string Change);

/// <summary>The PMG's own tolerances, laid over the configured ones.</summary>
public sealed record ToleranceSettings(double? DefaultPercent, IReadOnlyDictionary<string, double> PerIndicator, IReadOnlyList<ToleranceChange> History)
{
    public static ToleranceSettings None { get; } = new(null, new Dictionary<string, double>(), []);
}

public sealed class ToleranceException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// The tolerances RAG is judged with: configuration gives the starting point
/// (<see cref="Tolerances.From"/>), and the PMG may set the partnership default and any indicator's
/// own on /tolerances; every change is kept with who made it, and published to the themes
/// (<see cref="RagTolerancesSet"/>, through governance's outbox) so their pages judge alike.
/// </summary>
public sealed partial class ToleranceStore(IDocumentStore documents, Tolerances configured, TimeProvider clock)
{
    private const string Collection = "settings";
    private const string Id = "tolerances";

    public Tolerances Configured => configured;

    public async Task<ToleranceSettings> SettingsAsync(CancellationToken ct) =>
        await documents.GetAsync<ToleranceSettings>(Collection, Id, ct) ?? ToleranceSettings.None;

    public async Task<Tolerances> CurrentAsync(CancellationToken ct) => Of(await SettingsAsync(ct));

    /// <summary>The tolerances in force with these settings laid over the configured ones.</summary>
    public Tolerances Of(ToleranceSettings settings)
    {
        var own = new Dictionary<string, double>(configured.PerIndicator, StringComparer.Ordinal);
        foreach (var (key, value) in settings.PerIndicator)
        {
            own[key] = value;
        }

        return new Tolerances(settings.DefaultPercent ?? configured.DefaultPercent, own);
    }

    public Task SetDefaultAsync(string? percent, string by, CancellationToken ct) =>
        ChangeAsync(by, ct, settings =>
        {
            var value = Parse(percent, "default") ?? throw new ToleranceException("default", "Enter the partnership's default tolerance, a percentage from 0 to 100.");
            return (settings with { DefaultPercent = value }, $"Partnership default set to {value:0.##}%");
        });

    /// <summary>Sets an indicator's own tolerance ("theme/id"), or removes it when <paramref name="percent"/> is empty.</summary>
    public Task SetIndicatorAsync(string? indicator, string? percent, string by, CancellationToken ct) =>
        ChangeAsync(by, ct, settings =>
        {
            if (string.IsNullOrWhiteSpace(indicator))
            {
                throw new ToleranceException("indicator", "Choose an indicator.");
            }

            // An indicator is named as its theme and id ("violence/P3.I1"): anything else would be kept
            // for an indicator no theme has, and shown back in the history.
            if (indicator.Split('/') is not [var theme, var id] || !Contracts.Themes.PartnershipThemes.Slugs.Contains(theme) || !IndicatorIdShape().IsMatch(id))
            {
                throw new ToleranceException("indicator", $"Choose an indicator as a theme and its id, like violence/P3.I1; {Kernel.Apis.SentValue.Shown(indicator)} is not one.");
            }

            var own = new Dictionary<string, double>(settings.PerIndicator, StringComparer.Ordinal);
            var value = Parse(percent, "percent");
            if (value is { } v)
            {
                own[indicator] = v;
            }
            else
            {
                own.Remove(indicator);
            }

            return (settings with { PerIndicator = own }, value is { } set ? $"{indicator}: {set:0.##}%" : $"{indicator}: back to the default");
        });

    private async Task ChangeAsync(string by, CancellationToken ct, Func<ToleranceSettings, (ToleranceSettings Settings, string Change)> change)
    {
        var (settings, what) = change(await SettingsAsync(ct));
        var changed = settings with { History = [new ToleranceChange(clock.GetUtcNow(), by, what), .. settings.History] };
        await documents.PutAsync(Collection, Id, changed, Announcement(Of(changed)), ct);
    }

    /// <summary>
    /// Tells the themes the tolerances in force, as at governance's start: a theme that was away, or
    /// whose store was lost, catches up, and a change to the configured starting point reaches it.
    /// </summary>
    public async Task AnnounceAsync(CancellationToken ct)
    {
        var settings = await SettingsAsync(ct);
        await documents.PutAsync(Collection, Id, settings, Announcement(Of(settings)), ct);
    }

    private Change Announcement(Tolerances tolerances)
    {
        var at = clock.GetUtcNow();
        var set = new RagTolerancesSet { EventId = Guid.NewGuid(), SetAt = at, DefaultPercent = tolerances.DefaultPercent, PerIndicator = tolerances.PerIndicator };
        return OutboxMessage.For(set, set.EventId, at);
    }

    private static double? Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return double.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 100
            ? value
            : throw new ToleranceException(field, "A tolerance is a percentage from 0 to 100, for example 5.");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^P[0-9]{1,4}\.I[0-9]{1,4}$")]
    private static partial System.Text.RegularExpressions.Regex IndicatorIdShape();
}
