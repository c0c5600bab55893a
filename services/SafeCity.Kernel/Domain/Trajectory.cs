using System.Globalization;

namespace SafeCity.Kernel.Domain;

/// <summary>
/// The partnership's one RAG rule, applied alike by every theme's pages and by governance. A count's
/// annual target is profiled over the year and the year to date compared with the profile to the same
/// month; a rate or percentage moves in a straight line from where it stood (last year's target, else
/// the baseline) to this year's target, and its latest figure is compared with the line. Where a gap
/// in the year's figures breaks the year to date, the latest period is judged alone against its share
/// of the profile, and the reason says so. Only a target set for the year judged counts: a year with
/// none is not rated.
/// </summary>
public static class Trajectory
{
    /// <summary>A change of no more than this share of last year's figure is "no change".</summary>
    public const double NoChangeBand = 0.005;

    public const string Rule =
        "Each annual target is profiled across the financial year (evenly, or in the seasonal shape of complete past years recorded month by month), " +
        "and the year to date is compared with where the profile says the indicator should be by now. Rates and percentages move in a straight line " +
        "from last year's target (or the baseline) to this year's. Only the target set for the year judged counts: a year with no target is not rated. " +
        "Direction of travel compares the year to date with the same months of last year.";

    /// <summary>
    /// The date an indicator is judged as at: the date asked for; without one, the end of its latest
    /// figure's period (indicators report at different lags), or today if that period has not ended.
    /// </summary>
    public static DateOnly JudgedAt(IReadOnlyList<(ReportingPeriod Period, double Value)> values, DateOnly? asAt, DateOnly today)
    {
        if (asAt is { } day)
        {
            return day;
        }

        var latest = values.Count == 0 ? (ReportingPeriod?)null : values.MaxBy(v => v.Period).Period;
        return latest is { } l && l.End < today ? l.End : today;
    }

    public static TrajectoryAssessment Assess(PerformanceIndicator indicator, IReadOnlyList<(ReportingPeriod Period, double Value)> values, DateOnly asAt, double tolerancePercent)
    {
        var year = ReportingPeriod.OfFinancialYear(ReportingPeriod.FinancialYearStarting(asAt));
        var known = values.Where(v => v.Period.End <= asAt).ToList();
        var profile = indicator.Unit == IndicatorUnit.Count ? TargetProfile.From(known, year) : TargetProfile.Even;
        var (annual, missing) = AnnualTarget(indicator, year, known);
        var actual = ToDate(indicator.Unit, known, year);
        var lastYear = actual is null ? null : SameMonthsLastYear(indicator.Unit, known, actual);
        var direction = Direction(actual?.Value, lastYear, indicator.Polarity);
        var rules = new RagRules(tolerancePercent);

        if (actual is null)
        {
            return new(year, annual, null, null, Rag.NotRated, tolerancePercent, direction, lastYear, profile, $"Nothing recorded yet for {year}.");
        }

        if (annual is not { } target)
        {
            var why = missing ?? $"no target for {year}";
            return new(year, null, null, actual, Rag.NotRated, tolerancePercent, direction, lastYear, profile, $"Not rated: {why}.");
        }

        var expected = Expected(indicator, profile, target, year, actual, known);
        var rag = rules.Judge(actual.Value, expected, indicator.Polarity);
        var word = indicator.Polarity == Polarity.LowerIsBetter ? "at most" : "at least";
        var span = actual.Partial ? $"{actual.Through} alone (a gap earlier in the year breaks the year to date)" : $"the year to date to {actual.Through}";
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"{actual.Value:0.##} for {span} against a trajectory of {word} {expected:0.##} (annual target {target:0.##}, {profile.Basis}); tolerance {tolerancePercent:0.#}%.");
        return new(year, target, expected, actual, rag, tolerancePercent, direction, lastYear, profile, reason);
    }

    /// <summary>The year's annual target figure, or null and why it cannot be had (no target set; a base year with no figure).</summary>
    public static (double? Figure, string? Missing) AnnualTarget(PerformanceIndicator indicator, ReportingPeriod year, IReadOnlyList<(ReportingPeriod Period, double Value)> known)
    {
        if (indicator.TargetFor(year) is not { } target)
        {
            return (null, $"no target for {year}");
        }

        var figure = AnnualFigure(indicator, target, known, out var missing);
        return (figure, missing);
    }

    /// <summary>A target's annual figure, a change on a base year worked out from that year's outturn among the figures known.</summary>
    public static double? AnnualFigure(PerformanceIndicator indicator, YearTarget target, IReadOnlyList<(ReportingPeriod Period, double Value)> known, out string? missing) =>
        target.AnnualFigure(indicator.Baseline, y => ReportingPeriod.TryParse(y, out var p) ? Outturn(indicator.Unit, known, p.FinancialYear) : null, out missing);

    /// <summary>
    /// A whole year's figure: a count's twelve months (or quarters, or the year's own figure) with no
    /// gap; a rate's figure for the period that ends in March. Null while the year is incomplete.
    /// </summary>
    public static double? Outturn(IndicatorUnit unit, IReadOnlyList<(ReportingPeriod Period, double Value)> known, ReportingPeriod year)
    {
        if (unit != IndicatorUnit.Count)
        {
            var last = known.Where(v => year.Contains(v.Period) && v.Period.End == year.End).OrderByDescending(v => v.Period).Select(v => (double?)v.Value).FirstOrDefault();
            return last;
        }

        return ToDate(unit, known, year) is { Partial: false, Months: 12 } whole ? whole.Value : null;
    }

    /// <summary>Where the indicator should be by the end of what has been recorded.</summary>
    public static double Expected(PerformanceIndicator indicator, TargetProfile profile, double annual, ReportingPeriod year, YearToDate actual, IReadOnlyList<(ReportingPeriod Period, double Value)> known)
    {
        if (indicator.Unit == IndicatorUnit.Count)
        {
            var end = actual.Months;
            var start = actual.Partial ? end - ReportingPeriod.Parse(actual.Through).Months : 0;
            return annual * (profile.CumulativeShare(end) - profile.CumulativeShare(start));
        }

        return Line(indicator, annual, year, known, actual.Months);
    }

    /// <summary>Where the trajectory stands after some months of the year: a count's year to date, a rate's line.</summary>
    public static double ExpectedAfter(PerformanceIndicator indicator, TargetProfile profile, double annual, ReportingPeriod year, IReadOnlyList<(ReportingPeriod Period, double Value)> known, int months) =>
        indicator.Unit == IndicatorUnit.Count ? annual * profile.CumulativeShare(months) : Line(indicator, annual, year, known, months);

    /// <summary>A rate's straight line from where it stood (last year's target, else the baseline) to this year's target, read after some months.</summary>
    private static double Line(PerformanceIndicator indicator, double annual, ReportingPeriod year, IReadOnlyList<(ReportingPeriod Period, double Value)> known, int months)
    {
        var previous = AnnualTarget(indicator, ReportingPeriod.OfFinancialYear(year.Start.Year - 1), known).Figure;
        var from = previous ?? indicator.Baseline.Value;
        return from is { } start ? start + ((annual - start) * months / 12.0) : annual;
    }

    /// <summary>
    /// What one period alone should come to under the year's trajectory (a count: its share of the
    /// profile; a rate: the line at its end), for charts and tables that show period by period.
    /// </summary>
    public static double? PeriodTarget(PerformanceIndicator indicator, IReadOnlyList<(ReportingPeriod Period, double Value)> values, ReportingPeriod period)
    {
        var year = period.FinancialYear;
        var known = values.Where(v => v.Period.End <= period.End).ToList();
        if (AnnualTarget(indicator, year, known).Figure is not { } annual)
        {
            return null;
        }

        var months = MonthsInto(year, period);
        if (indicator.Unit != IndicatorUnit.Count)
        {
            return Line(indicator, annual, year, known, months);
        }

        var profile = TargetProfile.From(known, year);
        return annual * (profile.CumulativeShare(months) - profile.CumulativeShare(months - period.Months));
    }

    /// <summary>
    /// The year to date from April: months, else a quarter starting that month, else the year's
    /// outturn, until the first gap. Rates and percentages take the latest figure of the year instead.
    /// If April itself is missing, the latest period of the year stands alone (<see cref="YearToDate.Partial"/>).
    /// </summary>
    public static YearToDate? ToDate(IndicatorUnit unit, IReadOnlyList<(ReportingPeriod Period, double Value)> known, ReportingPeriod year)
    {
        var inYear = known.Where(v => year.Contains(v.Period)).ToList();
        if (inYear.Count == 0)
        {
            return null;
        }

        if (unit != IndicatorUnit.Count)
        {
            var latest = inYear.OrderByDescending(v => v.Period).First();
            return new(year, latest.Value, MonthsInto(year, latest.Period), latest.Period.ToString(), false);
        }

        var byStart = inYear.ToLookup(v => (v.Period.Kind, v.Period.Start));
        var covered = 0;
        var sum = 0.0;
        ReportingPeriod? last = null;
        while (covered < 12)
        {
            var month = year.Start.AddMonths(covered);
            var found = byStart[(PeriodKind.Month, month)].Concat(byStart[(PeriodKind.Quarter, month)]).Concat(byStart[(PeriodKind.FinancialYear, month)]).FirstOrDefault();
            if (found == default)
            {
                break;
            }

            sum += found.Value;
            covered += found.Period.Months;
            last = found.Period;
        }

        if (last is { } through)
        {
            return new(year, sum, covered, through.ToString(), false);
        }

        var alone = inYear.OrderByDescending(v => v.Period).First();
        return new(year, alone.Value, MonthsInto(year, alone.Period), alone.Period.ToString(), true);
    }

    private static double? SameMonthsLastYear(IndicatorUnit unit, IReadOnlyList<(ReportingPeriod Period, double Value)> known, YearToDate actual)
    {
        var previous = ReportingPeriod.OfFinancialYear(actual.Year.Start.Year - 1);
        if (unit != IndicatorUnit.Count || actual.Partial)
        {
            // The figure for the same period a year earlier.
            var through = ReportingPeriod.Parse(actual.Through);
            var shifted = known.Where(v => v.Period.Kind == through.Kind && v.Period.Start == through.Start.AddYears(-1)).ToList();
            return shifted.Count > 0 ? shifted[0].Value : null;
        }

        var before = ToDate(unit, known.Where(v => v.Period.End <= previous.Start.AddMonths(actual.Months).AddDays(-1)).ToList(), previous);
        return before is { Partial: false } b && b.Months == actual.Months ? b.Value : null;
    }

    public static DirectionOfTravel Direction(double? now, double? then, Polarity polarity)
    {
        if (now is not { } n || then is not { } t)
        {
            return DirectionOfTravel.NotKnown;
        }

        if (Math.Abs(n - t) <= Math.Abs(t) * NoChangeBand)
        {
            return DirectionOfTravel.NoChange;
        }

        var better = polarity == Polarity.LowerIsBetter ? n < t : n > t;
        return better ? DirectionOfTravel.Improving : DirectionOfTravel.Worsening;
    }

    /// <summary>How many months of the financial year have passed by the end of the period (April alone: 1).</summary>
    public static int MonthsInto(ReportingPeriod year, ReportingPeriod period) =>
        ((period.End.Year - year.Start.Year) * 12) + period.End.Month - year.Start.Month + 1;
}
