using System.Text.Json;
using SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;
using SafeCity.Kernel;
using SafeCity.Kernel.Seed;

namespace SafeCity.Governance.DeliveryBoard.ExpectedOutcomes;

/// <summary>How an expected outcome is tested against its indicators' direction of travel, year on year.</summary>
public enum OutcomeTest
{
    /// <summary>A year-on-year reduction (or fewer): each indicator improving, by its polarity.</summary>
    Reduce,
    /// <summary>An increase (more reporting): each indicator improving.</summary>
    Increase,
    /// <summary>An improvement: each indicator improving.</summary>
    Improve,
    /// <summary>Low levels maintained: each indicator improving or unchanged.</summary>
    Maintain,
    /// <summary>No indicator shows it: the partnership reports it in words.</summary>
    None,
}

public sealed record OutcomeIndicator(string Theme, string IndicatorId);

/// <summary>
/// One of paragraph 66's outcomes to March 2011, the plan's own three-year test, with the indicators
/// that show it and the police counts that do (Most Similar Group measures, Southampton's own count year on year).
/// </summary>
public sealed record ExpectedOutcome(int Number, int Line, string Text, OutcomeTest Test, IReadOnlyList<OutcomeIndicator> Indicators, string? Note,
    IReadOnlyList<string>? PoliceCounts = null)
{
    /// <summary>The police counts that show it, as measure keys (<c>all-crime</c>, <c>anti-social-behaviour</c>…).</summary>
    public IReadOnlyList<string> PoliceCountMeasures => PoliceCounts ?? [];

    public bool IsMeasured => Indicators.Count > 0 || PoliceCountMeasures.Count > 0;
}

/// <summary>Paragraph 66's outcomes as the platform holds them (seed/expected-outcomes.json).</summary>
public sealed record ExpectedOutcomeList(string Source, IReadOnlyList<ExpectedOutcome> Outcomes)
{
    public const string Resource = "seed/expected-outcomes.json";

    public static ExpectedOutcomeList Load(System.Reflection.Assembly assembly)
    {
        var list = JsonSerializer.Deserialize<ExpectedOutcomeList>(ActionPlanSeed.EmbeddedText(assembly, Resource) ?? "null", KernelJson.Options)
            ?? throw new InvalidDataException($"{assembly.GetName().Name} carries no {Resource}.");
        if (list.Outcomes.SelectMany(o => o.PoliceCountMeasures).FirstOrDefault(key => BenchmarkMeasure.Find(key)?.Key != key) is { } unknown)
        {
            throw new InvalidDataException($"{Resource} ties an outcome to the police count \"{unknown}\", which is no measure's key.");
        }

        return list;
    }
}
