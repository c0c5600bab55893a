using System.Globalization;
using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Features.ThreeYearView;

/// <summary>One financial year of an indicator: its target as set, what was recorded, and how it was judged by the year's end (or today).</summary>
public sealed record YearLine(ReportingPeriod Year, YearTarget? Target, double? AnnualTarget, YearToDate? Actual, Rag Rag, string Reason);

/// <summary>
/// An indicator over the plan's three years (2008/09 to 2010/11, or further once the plan is rolled on):
/// month by month, each year's figures against each year's trajectory (a count's cumulative year to
/// date, which starts again each April; a rate's figures against its line), and a line per year.
/// </summary>
public sealed record ThreeYearView(IReadOnlyList<string> Months, bool Cumulative, IReadOnlyList<double?> Actual, IReadOnlyList<double?> Trajectory, IReadOnlyList<YearLine> Years)
{
    public const int FirstYear = 2008;
    public const int PlanYears = 3;

    public static ThreeYearView Of(PerformanceIndicator indicator, IReadOnlyList<(ReportingPeriod Period, double Value)> values, double tolerance, DateOnly today, int lastYear)
    {
        var count = indicator.Unit == IndicatorUnit.Count;
        var months = new List<string>();
        var actual = new List<double?>();
        var trajectory = new List<double?>();
        var years = new List<YearLine>();
        for (var start = FirstYear; start <= Math.Max(lastYear, FirstYear + PlanYears - 1); start++)
        {
            var year = ReportingPeriod.OfFinancialYear(start);
            var on = year.End < today ? year.End : today;
            var assessment = Domain.Trajectory.Assess(indicator, values, on, tolerance);
            years.Add(new YearLine(year, indicator.TargetFor(year), assessment.AnnualTarget, assessment.Actual, on < year.Start ? Rag.NotRated : assessment.Rag,
                on < year.Start ? $"{year} has not started." : assessment.Reason));
            var known = values.Where(v => v.Period.End <= year.End).ToList();
            var running = 0.0;
            var gap = false;
            for (var m = 0; m < 12; m++)
            {
                var month = year.Start.AddMonths(m);
                months.Add(month.ToString("MMM yy", CultureInfo.InvariantCulture));
                trajectory.Add(assessment.AnnualTarget is { } annual ? Domain.Trajectory.ExpectedAfter(indicator, assessment.Profile, annual, year, known, m + 1) : null);
                // A figure is placed at the end of its period; a count runs on from April until a gap.
                var ending = values.Where(v => year.Contains(v.Period) && v.Period.Kind != PeriodKind.FinancialYear && v.Period.End == month.AddMonths(1).AddDays(-1)).ToList();
                var started = values.Any(v => year.Contains(v.Period) && v.Period.Kind != PeriodKind.FinancialYear && v.Period.Start <= month && v.Period.End >= month);
                if (ending.Count > 0)
                {
                    var figure = ending.OrderBy(v => v.Period.Months).First();
                    running += figure.Value;
                    actual.Add(count ? (gap ? null : running) : figure.Value);
                }
                else
                {
                    gap |= count && !started;
                    actual.Add(null);
                }
            }
        }

        return new ThreeYearView(months, count, actual, trajectory, years);
    }
}
