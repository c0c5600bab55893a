using Microsoft.Extensions.Configuration;

namespace SafeCity.Kernel.Domain;

/// <summary>
/// RAG tolerance per indicator, with the partnership's default. An indicator's own is found by
/// "theme/id" ("alcohol/P1.I3") or, for the plan's indicators, by id alone ("P1.I3").
/// </summary>
public sealed class Tolerances(double defaultPercent, IReadOnlyDictionary<string, double> perIndicator)
{
    public double DefaultPercent { get; } = defaultPercent;

    public IReadOnlyDictionary<string, double> PerIndicator { get; } = perIndicator;

    public double For(string theme, string indicatorId) =>
        PerIndicator.TryGetValue(theme + "/" + indicatorId, out var own) || PerIndicator.TryGetValue(indicatorId, out own) ? own : DefaultPercent;

    public double For(string indicatorId) => PerIndicator.TryGetValue(indicatorId, out var own) ? own : DefaultPercent;

    /// <summary>Performance:RagTolerancePercent and Performance:Tolerances:{indicator}: the starting point the PMG may change on /tolerances.</summary>
    public static Tolerances From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Performance");
        var fallback = section.GetValue("RagTolerancePercent", RagRules.DefaultTolerancePercent);
        var own = section.GetSection("Tolerances").GetChildren()
            .Where(c => double.TryParse(c.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0)
            .ToDictionary(c => c.Key, c => double.Parse(c.Value!, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new Tolerances(fallback, own);
    }
}
