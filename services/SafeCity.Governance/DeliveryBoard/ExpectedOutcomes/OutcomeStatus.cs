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

/// <summary>
/// An expected outcome judged as at a date: each of its indicators' direction of travel (the year to
/// date against the same months of last year) tested as the outcome asks, and the outcome on course
/// when every indicator with a direction meets it, off course when none does, mixed otherwise.
/// </summary>
public sealed record OutcomeStatus(ExpectedOutcome Outcome, OutcomeProgress Progress, IReadOnlyList<OutcomeIndicatorStatus> Indicators)
{
    public const string Rule =
        "Each outcome is shown by the indicators tied to it. Year on year is each indicator's direction of travel: its year to date against the same months of last year. " +
        "A reduction, an increase or an improvement needs the indicator improving (by its polarity); low levels maintained need it improving or unchanged. " +
        "An outcome is on course when every indicator with a direction meets it, off course when none does, mixed otherwise, not yet known without a year to compare, " +
        "and not measured when no indicator shows it.";

    public static IReadOnlyList<OutcomeStatus> Judge(ExpectedOutcomeList outcomes, PerformanceTree tree)
    {
        var indicators = tree.Indicators.Where(i => !i.IsHeldElsewhere).GroupBy(i => (i.Theme, i.Id)).ToDictionary(g => g.Key, g => g.First());
        return outcomes.Outcomes.Select(o =>
        {
            var each = o.Indicators.Select(t =>
            {
                var judged = indicators.GetValueOrDefault((t.Theme, t.IndicatorId));
                return new OutcomeIndicatorStatus(t, judged, judged is null ? null : Meets(o.Test, judged.Assessment.Direction));
            }).ToList();
            var known = each.Where(e => e.Meets is not null).ToList();
            var progress = o.Test == OutcomeTest.None || each.Count == 0 ? OutcomeProgress.NotMeasured
                : known.Count == 0 ? OutcomeProgress.NotYetKnown
                : known.All(e => e.Meets == true) ? OutcomeProgress.OnCourse
                : known.All(e => e.Meets == false) ? OutcomeProgress.OffCourse
                : OutcomeProgress.Mixed;
            return new OutcomeStatus(o, progress, each);
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
