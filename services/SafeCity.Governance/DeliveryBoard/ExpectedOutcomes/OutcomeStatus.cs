using SafeCity.Governance.Performance;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.DeliveryBoard.ExpectedOutcomes;

public enum OutcomeProgress
{
    OnCourse,
    Mixed,
    OffCourse,
    NotYetKnown,
    NotMeasured,
}

/// <summary>An indicator of an outcome as judged: its direction of travel, whether that meets the outcome's test, and its RAG.</summary>
public sealed record OutcomeIndicatorStatus(OutcomeIndicator Indicator, IndicatorPerformance? Performance, bool? Meets);

/// <summary>A police count of an outcome as judged: Southampton's count year on year, and whether that meets the outcome's test.</summary>
public sealed record OutcomePoliceCountStatus(string MeasureKey, PoliceCountTrend? Trend, bool? Meets);

/// <summary>
/// An expected outcome judged as at a date: each of its indicators' direction of travel (the year to
/// date against the same months of last year) tested as the outcome asks, and the outcome on course
/// when every indicator with a direction meets it, off course when none does, mixed otherwise.
/// </summary>
public sealed record OutcomeStatus(ExpectedOutcome Outcome, OutcomeProgress Progress, IReadOnlyList<OutcomeIndicatorStatus> Indicators,
    IReadOnlyList<OutcomePoliceCountStatus> PoliceCounts)
{
    public const string Rule =
        "Each outcome is shown by the indicators tied to it. Year on year is each indicator's direction of travel: its year to date against the same months of last year. " +
        "Where the police's own count shows an outcome (all crime, reports of anti-social behaviour), Southampton's count for the year to date is set against the same months of the year before; fewer is improving. " +
        "A reduction, an increase or an improvement needs the indicator improving (by its polarity); low levels maintained need it improving or unchanged. " +
        "An outcome is on course when every indicator with a direction meets it, off course when none does, mixed otherwise, not yet known without a year to compare, " +
        "and not measured when no indicator shows it.";

    /// <param name="policeCounts">Southampton's police counts year on year, by measure key; none when governance holds no police counts.</param>
    public static IReadOnlyList<OutcomeStatus> Judge(ExpectedOutcomeList outcomes, PerformanceTree tree, IReadOnlyDictionary<string, PoliceCountTrend>? policeCounts = null)
    {
        var indicators = tree.Indicators.Where(i => !i.IsHeldElsewhere).GroupBy(i => (i.Theme, i.Id)).ToDictionary(g => g.Key, g => g.First());
        return outcomes.Outcomes.Select(o =>
        {
            var each = o.Indicators.Select(t =>
            {
                var judged = indicators.GetValueOrDefault((t.Theme, t.IndicatorId));
                return new OutcomeIndicatorStatus(t, judged, judged is null ? null : Meets(o.Test, judged.Assessment.Direction));
            }).ToList();
            var counts = o.PoliceCountMeasures.Select(key =>
            {
                var trend = policeCounts?.GetValueOrDefault(key);
                return new OutcomePoliceCountStatus(key, trend, trend is null ? null : Meets(o.Test, trend.Direction));
            }).ToList();
            var known = each.Select(e => e.Meets).Concat(counts.Select(c => c.Meets)).OfType<bool>().ToList();
            var progress = o.Test == OutcomeTest.None || !o.IsMeasured ? OutcomeProgress.NotMeasured
                : known.Count == 0 ? OutcomeProgress.NotYetKnown
                : known.All(m => m) ? OutcomeProgress.OnCourse
                : known.All(m => !m) ? OutcomeProgress.OffCourse
                : OutcomeProgress.Mixed;
            return new OutcomeStatus(o, progress, each, counts);
        }).ToList();
    }

    private static bool? Meets(OutcomeTest test, DirectionOfTravel direction) => direction switch
    {
        DirectionOfTravel.NotKnown => null,
        DirectionOfTravel.Improving => true,
        DirectionOfTravel.NoChange => test == OutcomeTest.Maintain,
        _ => false,
    };
}
