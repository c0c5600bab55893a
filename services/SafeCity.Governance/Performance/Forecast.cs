using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Performance;

/// <summary>A year-end forecast with its 95% interval where one can be estimated, and how it was made.</summary>
public sealed record YearEndForecast(double Value, double? Low, double? High, string Method);

public enum StretchOutlook
{
    NotKnown,
    OnCourse,
    AtRisk,
    OffCourse,
}

/// <summary>
/// Year-end forecasts for the quarterly LAA monitoring. A count: the year to date divided by the share
/// of the year's profile it covers; its interval from the month-to-month variation so far, as if the
/// remaining months varied as independently as the recorded ones. A rate or percentage: a straight
/// line fitted to the year's figures, extended to March, with its prediction interval; with fewer than
/// three figures, the latest carried forward and no interval.
/// </summary>
public static class Forecasting
{
    private const double Z95 = 1.96;

    public static YearEndForecast? YearEnd(PerformanceIndicator indicator, IReadOnlyList<(ReportingPeriod Period, double Value)> known, TrajectoryAssessment assessment)
    {
        if (assessment.Actual is not { Partial: false } ytd)
        {
            return null;
        }

        var inYear = known.Where(v => ytd.Year.Contains(v.Period) && v.Period.End <= ytd.Year.Start.AddMonths(ytd.Months).AddDays(-1)).OrderBy(v => v.Period).ToList();
        if (indicator.Unit == IndicatorUnit.Count)
        {
            if (ytd.Months >= 12)
            {
                return new(ytd.Value, ytd.Value, ytd.Value, "The year's outturn is recorded.");
            }

            var share = assessment.Profile.CumulativeShare(ytd.Months);
            if (share <= 0)
            {
                return null;
            }

            var forecast = ytd.Value / share;
            var months = inYear.Where(v => v.Period.Kind == PeriodKind.Month).ToList();
            var method = $"Year to date ({ytd.Value:0.##} over {ytd.Months} months) divided by the {share * 100:0.#}% of the year its profile expects by then ({assessment.Profile.Basis}).";
            if (months.Count < 3)
            {
                return new(forecast, null, null, method + " Too few monthly figures (fewer than 3) to estimate its uncertainty.");
            }

            // Each month's departure from what the forecast rate expected of it.
            var residuals = months.Select(m => m.Value - (forecast * assessment.Profile.MonthShares[TargetProfile.MonthOfYear(m.Period)])).ToList();
            var sd = StandardDeviation(residuals);
            var half = Z95 * sd * Math.Sqrt(12 - ytd.Months);
            return new(forecast, forecast - half, forecast + half, method + $" 95% interval from the variation of {months.Count} monthly figures.");
        }

        var points = inYear.Select(v => (X: (double)Trajectory.MonthsInto(ytd.Year, v.Period), Y: v.Value)).ToList();
        if (points.Count < 3)
        {
            return new(ytd.Value, null, null, "The latest figure carried forward to March: fewer than 3 figures this year to fit a trend to.");
        }

        var xBar = points.Average(p => p.X);
        var yBar = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - xBar) * (p.X - xBar));
        var slope = sxx == 0 ? 0 : points.Sum(p => (p.X - xBar) * (p.Y - yBar)) / sxx;
        var at = yBar + (slope * (12 - xBar));
        var residualSd = Math.Sqrt(points.Sum(p => Math.Pow(p.Y - (yBar + (slope * (p.X - xBar))), 2)) / Math.Max(1, points.Count - 2));
        var spread = Z95 * residualSd * Math.Sqrt(1 + (1.0 / points.Count) + (sxx == 0 ? 0 : Math.Pow(12 - xBar, 2) / sxx));
        return new(at, at - spread, at + spread, $"A straight line through this year's {points.Count} figures, extended to March, with its 95% prediction interval.");
    }

    /// <summary>
    /// On course when the forecast meets the stretch target; at risk when it misses but the interval's
    /// better end meets it; off course when even that misses.
    /// </summary>
    public static StretchOutlook Outlook(YearEndForecast? forecast, double? target, Polarity polarity)
    {
        if (forecast is null || target is not { } t)
        {
            return StretchOutlook.NotKnown;
        }

        bool Meets(double v) => polarity == Polarity.LowerIsBetter ? v <= t : v >= t;
        if (Meets(forecast.Value))
        {
            return StretchOutlook.OnCourse;
        }

        var best = polarity == Polarity.LowerIsBetter ? forecast.Low : forecast.High;
        return best is { } b && Meets(b) ? StretchOutlook.AtRisk : StretchOutlook.OffCourse;
    }

    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
