using System.Globalization;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;

public enum BenchmarkPeriodKind
{
    Month,
    Quarter,
    FinancialYear,
    TwelveMonths,
}

/// <summary>
/// A period the family is compared over: a month ("2024-01"), a financial quarter ("2023/24 Q4"), a
/// financial year ("2023/24") or the twelve months to a month ("12 months to 2024-01").
/// </summary>
public readonly record struct BenchmarkPeriod(BenchmarkPeriodKind Kind, DateOnly First, DateOnly Last)
{
    public const string TwelveMonthsPrefix = "12 months to ";

    public const string FormatHelp = "a month like 2024-01, a quarter like 2023/24 Q4, a financial year like 2023/24, or 12 months to 2024-01";

    /// <summary>Each month of the period, first to last, as yyyy-MM.</summary>
    public IReadOnlyList<string> Months
    {
        get
        {
            var months = new List<string>();
            for (var m = First; m <= Last; m = m.AddMonths(1))
            {
                months.Add(m.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            }

            return months;
        }
    }

    /// <summary>The period's last day.</summary>
    public DateOnly EndDay => Last.AddMonths(1).AddDays(-1);

    /// <summary>The middle of the period: populations are taken from the estimate nearest to it.</summary>
    public DateOnly Middle => First.AddDays((Last.AddMonths(1).DayNumber - First.DayNumber) / 2);

    public static BenchmarkPeriod OfMonth(DateOnly month) => new(BenchmarkPeriodKind.Month, month, month);

    public static BenchmarkPeriod TwelveMonthsTo(DateOnly month) => new(BenchmarkPeriodKind.TwelveMonths, month.AddMonths(-11), month);

    public static bool TryParse(string? text, out BenchmarkPeriod period)
    {
        period = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.StartsWith(TwelveMonthsPrefix, StringComparison.OrdinalIgnoreCase))
        {
            if (ReportingPeriod.TryParse(trimmed[TwelveMonthsPrefix.Length..], out var last) && last.Kind == PeriodKind.Month)
            {
                period = TwelveMonthsTo(last.Start);
                return true;
            }

            return false;
        }

        if (!ReportingPeriod.TryParse(trimmed, out var reporting))
        {
            return false;
        }

        var kind = reporting.Kind switch
        {
            PeriodKind.Month => BenchmarkPeriodKind.Month,
            PeriodKind.Quarter => BenchmarkPeriodKind.Quarter,
            _ => BenchmarkPeriodKind.FinancialYear,
        };
        period = new BenchmarkPeriod(kind, reporting.Start, reporting.Start.AddMonths(reporting.Months - 1));
        return true;
    }

    /// <summary>Every period of each kind whose months are all among <paramref name="months"/>, latest first within each kind.</summary>
    public static IReadOnlyList<BenchmarkPeriod> Covered(IReadOnlyCollection<DateOnly> months)
    {
        var held = months.ToHashSet();
        var periods = new List<BenchmarkPeriod>();
        foreach (var month in held.OrderDescending())
        {
            periods.Add(OfMonth(month));
            var reporting = ReportingPeriod.OfMonth(month.Year, month.Month);
            periods.Add(new(BenchmarkPeriodKind.Quarter, reporting.Quarter.Start, reporting.Quarter.Start.AddMonths(2)));
            periods.Add(new(BenchmarkPeriodKind.FinancialYear, reporting.FinancialYear.Start, reporting.FinancialYear.Start.AddMonths(11)));
            periods.Add(TwelveMonthsTo(month));
        }

        return periods.Distinct().Where(p => p.Months.All(m => held.Contains(DateOnly.ParseExact(m + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture))))
            .OrderBy(p => p.Kind).ThenByDescending(p => p.Last).ToList();
    }

    public override string ToString() => Kind switch
    {
        BenchmarkPeriodKind.Month => First.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        BenchmarkPeriodKind.TwelveMonths => TwelveMonthsPrefix + Last.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        BenchmarkPeriodKind.Quarter => ReportingPeriod.OfQuarter(ReportingPeriod.FinancialYearStarting(First), ((First.Month + 8) % 12 / 3) + 1).ToString(),
        _ => ReportingPeriod.OfFinancialYear(ReportingPeriod.FinancialYearStarting(First)).ToString(),
    };

    /// <summary>How a person reads it: "January 2024", "2023/24 Q4 (January to March 2024)", "the 12 months to January 2024".</summary>
    public string Describe() => Kind switch
    {
        BenchmarkPeriodKind.Month => First.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        BenchmarkPeriodKind.TwelveMonths => "the 12 months to " + Last.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        BenchmarkPeriodKind.Quarter => $"{this} ({First.ToString("MMMM", CultureInfo.InvariantCulture)} to {Last.ToString("MMMM yyyy", CultureInfo.InvariantCulture)})",
        _ => ToString(),
    };
}
