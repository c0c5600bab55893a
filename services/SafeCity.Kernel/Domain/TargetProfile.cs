namespace SafeCity.Kernel.Domain;

/// <summary>
/// How an annual target is spread over the twelve months of the financial year (April first): evenly,
/// or in the seasonal shape of the complete past years recorded month by month.
/// </summary>
public sealed record TargetProfile(bool Seasonal, IReadOnlyList<double> MonthShares, string Basis)
{
    public static TargetProfile Even { get; } = new(false, Enumerable.Repeat(1.0 / 12, 12).ToList(), "spread evenly across the twelve months");

    /// <summary>The share of the year's total expected by the end of the given month of the year (1 = April).</summary>
    public double CumulativeShare(int monthsElapsed) => MonthShares.Take(Math.Clamp(monthsElapsed, 0, 12)).Sum();

    /// <summary>
    /// The seasonal profile of the complete financial years before <paramref name="year"/> for which
    /// every month has a value; even when there is none, or when the months add up to nothing.
    /// </summary>
    public static TargetProfile From(IEnumerable<(ReportingPeriod Period, double Value)> history, ReportingPeriod year)
    {
        var complete = history
            .Where(h => h.Period.Kind == PeriodKind.Month && h.Period.Start < year.Start)
            .GroupBy(h => h.Period.FinancialYear)
            .Where(g => g.Select(h => h.Period).Distinct().Count() == 12)
            .ToList();
        var totals = new double[12];
        foreach (var m in complete.SelectMany(g => g))
        {
            totals[MonthOfYear(m.Period)] += m.Value;
        }

        var sum = totals.Sum();
        if (complete.Count == 0 || sum <= 0)
        {
            return Even;
        }

        var years = string.Join(", ", complete.Select(g => g.Key.ToString()).Order(StringComparer.Ordinal));
        return new(true, totals.Select(t => t / sum).ToList(), $"in the seasonal shape of {years}");
    }

    /// <summary>0 for April … 11 for March.</summary>
    public static int MonthOfYear(ReportingPeriod month) => (month.Start.Month + 8) % 12;
}
