using System.Globalization;
using SafeCity.Contracts.MostSimilarGroup;
using SafeCity.Governance.Performance.MostSimilarGroup;
using SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Web;
using SafeCity.RecordFiles.Reference;

namespace SafeCity.Governance.DeliveryBoard.ExpectedOutcomes;

/// <summary>
/// Southampton's own police count of a measure year on year: the financial year to date through the
/// latest month held, against the same months of the year before. Fewer is better: these are crimes
/// and incidents. Not known until both years' months of Southampton's force are all held.
/// </summary>
public sealed record PoliceCountTrend(BenchmarkMeasure Measure, string? Months, long? Count, long? SameMonthsLastYear, DirectionOfTravel Direction, string? Why)
{
    public static PoliceCountTrend Of(BenchmarkMeasure measure, IReadOnlyList<ForceMonthCounts> held, DateOnly asAt)
    {
        var home = ReferenceData.Districts[Family.HomeDistrict];
        var ofHome = held.Where(h => ReferenceData.ForceAreaOf(h.Force) == home.ForceAreaCode)
            .Select(h => (Month: ReportingPeriod.Parse(h.Month), Counts: h))
            .Where(h => h.Month.End <= asAt)
            .GroupBy(h => h.Month.Start).ToDictionary(g => g.Key, g => g.Select(x => x.Counts).ToList());
        if (ofHome.Count == 0)
        {
            return new(measure, null, null, null, DirectionOfTravel.NotKnown, $"No data.police.uk month of {home.ForceAreaName} is held by {UkFormat.Date(asAt)}.");
        }

        var latest = ofHome.Keys.Max();
        var yearStart = ReportingPeriod.OfMonth(latest.Year, latest.Month).FinancialYear.Start;
        var thisYear = MonthsFrom(yearStart, latest);
        var lastYear = thisYear.Select(m => m.AddYears(-1)).ToList();
        var months = thisYear.Count == 1 ? Describe(latest) : $"{Describe(yearStart)} to {Describe(latest)}";
        var types = measure.CrimeTypes.ToHashSet(StringComparer.Ordinal);
        long? Count(IReadOnlyList<DateOnly> period) => period.All(ofHome.ContainsKey)
            ? period.SelectMany(m => ofHome[m]).SelectMany(h => h.Counts).Where(c => c.District == Family.HomeDistrict && types.Contains(c.CrimeType)).Sum(c => c.Count)
            : null;

        var count = Count(thisYear);
        var before = Count(lastYear);
        var why = count is null ? $"Not every month from {months} of {home.ForceAreaName} is held."
            : before is null ? $"No data.police.uk file of {home.ForceAreaName} is held for every month of {Describe(lastYear[0])} to {Describe(lastYear[^1])}."
            : null;
        return new(measure, months, count, before, Trajectory.Direction(count, before, Polarity.LowerIsBetter), why);
    }

    private static List<DateOnly> MonthsFrom(DateOnly first, DateOnly last)
    {
        var months = new List<DateOnly>();
        for (var m = first; m <= last; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        return months;
    }

    private static string Describe(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
