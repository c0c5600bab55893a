using System.Globalization;
using SafeCity.Governance.Performance;
using SafeCity.Governance.Pmg;
using SafeCity.Governance.Pmg.DrawUpExceptionList;
using SafeCity.Governance.Pmg.RemedialActions;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.DeliveryBoard.Report;

/// <summary>An indicator's year month by month: baseline, target, trajectory, actuals and forecast (cumulative for counts).</summary>
public sealed record IndicatorChartData(
    IReadOnlyList<string> Months,
    bool Cumulative,
    double? Baseline,
    double? AnnualTarget,
    IReadOnlyList<double?> Trajectory,
    IReadOnlyList<double?> Actual,
    IReadOnlyList<double?> Forecast);

public sealed record IndicatorLine(IndicatorPerformance Indicator, YearEndForecast? Forecast, StretchOutlook Outlook, IndicatorChartData Chart);

public sealed record PriorityReport(PriorityPerformance Priority, IReadOnlyList<IndicatorLine> Indicators, IReadOnlyList<ExceptionItem> Exceptions, IReadOnlyList<RemedialAction> RemedialActions);

/// <summary>
/// The report to the Delivery Board (paragraph 80: all performance is reported to it): a section per
/// priority with its indicators against trajectory and forecast, the exceptions of the latest PMG
/// meeting and their remedial actions; and every remedial action past its date, escalated.
/// </summary>
public sealed record DeliveryBoardReport(DateOnly AsAt, PmgMeeting? Meeting, PerformanceTree Tree, IReadOnlyList<PriorityReport> Priorities, IReadOnlyList<RemedialAction> Escalated)
{
    /// <summary>Paragraph 66's outcomes to March 2011, the plan's three-year test, as at the report's date.</summary>
    public IReadOnlyList<ExpectedOutcomes.OutcomeStatus> Outcomes { get; init; } = [];

    /// <summary>Paragraph 12's relative ranking in the Most Similar Group, for violence and criminal damage, as at the report's date.</summary>
    public IReadOnlyList<Performance.MostSimilarGroup.CompareWithFamily.RelativeRanking> Rankings { get; init; } = [];

    public static DeliveryBoardReport Build(DateOnly asAt, PerformanceTree tree, PmgMeeting? meeting, IReadOnlyList<RemedialAction> remedials)
    {
        var priorities = tree.Priorities.Select(p =>
        {
            var lines = p.Plans.SelectMany(plan => plan.Indicators).Select(Line).ToList();
            var exceptions = meeting?.Exceptions.Where(e => e.Priority == p.Priority.Number).ToList() ?? [];
            return new PriorityReport(p, lines, exceptions, remedials.Where(r => r.Priority == p.Priority.Number).ToList());
        }).ToList();
        return new DeliveryBoardReport(asAt, meeting, tree, priorities, remedials.Where(r => r.IsOverdue(asAt)).OrderBy(r => r.Due).ToList());
    }

    public static IndicatorLine Line(IndicatorPerformance i)
    {
        var forecast = Forecasting.YearEnd(i.Definition, i.Values, i.Assessment);
        var stretch = i.Definition.TargetFor(i.Assessment.Year) is { IsStretch: true } t ? t.WithStretch : i.Assessment.AnnualTarget;
        return new IndicatorLine(i, forecast, Forecasting.Outlook(forecast, stretch, i.Definition.Polarity), Chart(i, forecast));
    }

    private static IndicatorChartData Chart(IndicatorPerformance i, YearEndForecast? forecast)
    {
        var a = i.Assessment;
        var year = a.Year;
        var months = Enumerable.Range(0, 12).Select(m => year.Start.AddMonths(m).ToString("MMM yy", CultureInfo.InvariantCulture)).ToList();
        var count = i.Definition.Unit == IndicatorUnit.Count;
        var trajectory = new double?[12];
        var actual = new double?[12];
        var ahead = new double?[12];
        if (a.AnnualTarget is { } annual)
        {
            for (var m = 0; m < 12; m++)
            {
                trajectory[m] = Trajectory.ExpectedAfter(i.Definition, a.Profile, annual, year, i.Values, m + 1);
            }
        }

        var running = 0.0;
        foreach (var (period, value) in i.Values.Where(v => year.Contains(v.Period) && v.Period.Kind != PeriodKind.FinancialYear && (a.Actual is null || v.Period.End <= year.Start.AddMonths(a.Actual.Months).AddDays(-1))))
        {
            var index = Trajectory.MonthsInto(year, period) - 1;
            running += value;
            actual[index] = count ? running : value;
        }

        if (forecast is not null && a.Actual is { Partial: false, Months: > 0 and < 12 } ytd)
        {
            ahead[ytd.Months - 1] = ytd.Value;
            ahead[11] = forecast.Value;
        }

        return new IndicatorChartData(months, count, i.Definition.Baseline.Value, a.AnnualTarget, trajectory, actual, ahead);
    }
}
