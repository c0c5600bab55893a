using System.Globalization;
using System.Text.RegularExpressions;

namespace SafeCity.Kernel.Domain;

public enum PeriodKind
{
    Month,
    Quarter,
    FinancialYear,
}

/// <summary>
/// A period a value is reported for, in the UK public sector's financial year (April to March):
/// "2008/09" (the year), "2008/09 Q1" (April to June 2008) or "2008-04" (a calendar month).
/// </summary>
public readonly partial record struct ReportingPeriod : IComparable<ReportingPeriod>
{
    private ReportingPeriod(PeriodKind kind, DateOnly start)
    {
        Kind = kind;
        Start = start;
    }

    public PeriodKind Kind { get; }

    /// <summary>The first day of the period.</summary>
    public DateOnly Start { get; }

    public int Months => Kind switch
    {
        PeriodKind.Month => 1,
        PeriodKind.Quarter => 3,
        _ => 12,
    };

    /// <summary>The last day of the period.</summary>
    public DateOnly End => Start.AddMonths(Months).AddDays(-1);

    /// <summary>The quarter of the financial year this period starts in (Q1 is April to June).</summary>
    public ReportingPeriod Quarter => OfQuarter(FinancialYearStarting(Start), QuarterNumber);

    private int QuarterNumber => ((Start.Month + 8) % 12 / 3) + 1;

    /// <summary>The financial year this period falls in.</summary>
    public ReportingPeriod FinancialYear => OfFinancialYear(FinancialYearStarting(Start));

    public static ReportingPeriod OfFinancialYear(int startYear) =>
        new(PeriodKind.FinancialYear, new DateOnly(startYear, 4, 1));

    /// <summary>Quarter 1 is April to June.</summary>
    public static ReportingPeriod OfQuarter(int financialYearStart, int quarter) =>
        quarter is < 1 or > 4
            ? throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "A quarter is 1 to 4.")
            : new(PeriodKind.Quarter, new DateOnly(financialYearStart, 4, 1).AddMonths(3 * (quarter - 1)));

    public static ReportingPeriod OfMonth(int year, int month) => new(PeriodKind.Month, new DateOnly(year, month, 1));

    public static ReportingPeriod Containing(DateOnly day) => OfMonth(day.Year, day.Month);

    public static int FinancialYearStarting(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    public const string FormatHelp = "a financial year like 2008/09, a quarter like 2008/09 Q1 (April to June), or a month like 2008-04";

    public static bool TryParse(string? text, out ReportingPeriod period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = PeriodPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        if (match.Groups["month"].Success)
        {
            var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12 || year < 1900)
            {
                return false;
            }

            period = OfMonth(year, month);
            return true;
        }

        var start = int.Parse(match.Groups["fy"].Value, CultureInfo.InvariantCulture);
        var end = int.Parse(match.Groups["fyEnd"].Value, CultureInfo.InvariantCulture);
        if (start < 1900 || (start + 1) % 100 != end)
        {
            return false;
        }

        period = match.Groups["q"].Success
            ? OfQuarter(start, int.Parse(match.Groups["q"].Value, CultureInfo.InvariantCulture))
            : OfFinancialYear(start);
        return true;
    }

    public static ReportingPeriod Parse(string text) =>
        TryParse(text, out var period)
            ? period
            : throw new FormatException($"That is not a reporting period ({text.Length:N0} characters): use {FormatHelp}.");

    public bool Contains(ReportingPeriod other) => other.Start >= Start && other.End <= End;

    public int CompareTo(ReportingPeriod other)
    {
        var byEnd = End.CompareTo(other.End);
        return byEnd != 0 ? byEnd : other.Start.CompareTo(Start);
    }

    public override string ToString()
    {
        var fy = FinancialYearStarting(Start);
        var year = string.Create(CultureInfo.InvariantCulture, $"{fy}/{(fy + 1) % 100:00}");
        return Kind switch
        {
            PeriodKind.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{year} Q{QuarterNumber}"),
            _ => year,
        };
    }

    /// <summary>How a person reads it: "April 2008", "2008/09 Q1 (April to June 2008)", "2008/09".</summary>
    public string Describe() => Kind switch
    {
        PeriodKind.Month => Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"{this} ({Start.ToString("MMMM", CultureInfo.InvariantCulture)} to {End.ToString("MMMM yyyy", CultureInfo.InvariantCulture)})",
        _ => ToString(),
    };

    // [0-9], not \d: \d also matches other scripts' digits (２, ٢), which int.Parse does not read.
    [GeneratedRegex(@"^(?:(?<year>[0-9]{4})-(?<month>[0-9]{2})|(?<fy>[0-9]{4})/(?<fyEnd>[0-9]{2})(?:\s*Q(?<q>[1-4]))?)$", RegexOptions.IgnoreCase)]
    private static partial Regex PeriodPattern();
}
